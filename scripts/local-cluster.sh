#!/usr/bin/env bash
# A real Spark standalone cluster on this machine: one Master and N Workers, each its own JVM, on 127.0.0.1.
#
#   scripts/local-cluster.sh start [--workers 2] [--cores 1] [--memory 1g] [--dir DIR]
#   scripts/local-cluster.sh status [--dir DIR]
#   scripts/local-cluster.sh stop [--dir DIR]
#
# Spark comes from the Maven-assembled home (scripts/spark-home.sh). State lives in DIR (default
# target/local-cluster): master-url, webui-url, *.pid, logs/, work/ (executor logs: work/worker-N/app-*/N/stderr).
# Ports: the master takes the first free port from 7077 (web UI from 8080); workers take random ones.
# `start` returns once every worker has registered (read from the master's http://127.0.0.1:<webui>/json/),
# and stops everything it started if that does not happen within 90 s.
# Environment: DWIMOTION_DAEMON_HEAP (Master and Worker heap, default 256m), and those of scripts/spark-common.sh.
set -euo pipefail
source "$(dirname "$0")/spark-common.sh"

usage() { sed -n '2,13s/^# \{0,1\}//p' "$0"; exit "${1:-0}"; }

cmd=${1:-}; [[ -n $cmd ]] || usage 1
shift
workers=2 cores=1 memory=1g dir=$root/target/local-cluster
while [[ $# -gt 0 ]]; do
  case $1 in
    --workers) workers=$2; shift 2 ;;
    --cores) cores=$2; shift 2 ;;
    --memory) memory=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ $workers =~ ^[1-9][0-9]*$ ]] || die "--workers must be a positive integer, got $workers"

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Each daemon leads its own process group (setsid), so stopping a worker also stops its executor JVMs.
launch() { # name class args...
  local name=$1; shift
  local cls=$1; shift
  setsid "$java_bin" $java_opens -Xmx${DWIMOTION_DAEMON_HEAP:-256m} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dspark.master.rest.enabled=false \
    -cp "$spark_home/conf:$spark_home/jars/*" "$cls" "$@" >"$dir/logs/$name.out" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}

master_json() { # the master's state; curl when present, else bash's /dev/tcp
  local url port
  url=$(cat "$dir/webui-url")
  if command -v curl >/dev/null; then
    curl -sf --max-time 2 "$url/json/" 2>/dev/null
  else
    port=${url##*:}
    timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET /json/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && cat <&3" 2>/dev/null
  fi
}

alive_workers() {
  local n
  n=$(master_json | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$') || true
  echo "${n:-0}"
}

stop_all() {
  local f pid
  for f in "$dir"/worker-*.pid "$dir"/master.pid; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 50); do
    local any=0
    for f in "$dir"/worker-*.pid "$dir"/master.pid; do
      alive "$f" && any=1
    done
    [[ $any == 0 ]] && break
    sleep 0.2
  done
  for f in "$dir"/worker-*.pid "$dir"/master.pid; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    rm -f "$f"
  done
  rm -f "$dir/master-url" "$dir/webui-url"
}

case $cmd in
  start)
    if alive "$dir/master.pid"; then
      die "already running ($(cat "$dir/master-url")); stop it first: $0 stop --dir $dir"
    fi
    command -v setsid >/dev/null || die "needs setsid (util-linux)"
    ensure_built
    mkdir -p "$dir/logs" "$dir/work"
    export SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR=$spark_home/conf
    port=$(free_port_from 7077)
    webui=$(free_port_from 8080)
    [[ $webui == "$port" ]] && webui=$(free_port_from $((port + 1)))
    echo "spark://127.0.0.1:$port" >"$dir/master-url"
    echo "http://127.0.0.1:$webui" >"$dir/webui-url"
    trap 'echo "local-cluster: start failed, stopping what was started; logs in $dir/logs" >&2; stop_all' ERR
    launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$webui"
    for i in $(seq 1 "$workers"); do
      launch "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 \
        --cores "$cores" --memory "$memory" --work-dir "$dir/work/worker-$i" "spark://127.0.0.1:$port"
    done
    for _ in $(seq 180); do
      [[ $(alive_workers) -ge $workers ]] && break
      alive "$dir/master.pid" || false
      sleep 0.5
    done
    [[ $(alive_workers) -ge $workers ]] || { echo "local-cluster: workers did not register in 90 s" >&2; false; }
    trap - ERR
    echo "master $(cat "$dir/master-url")  web UI $(cat "$dir/webui-url")  workers $workers x ${cores} core(s), $memory"
    ;;
  status)
    if ! alive "$dir/master.pid"; then
      echo "not running (no live master in $dir)"; exit 3
    fi
    echo "master $(cat "$dir/master-url")  web UI $(cat "$dir/webui-url")  alive workers $(alive_workers)"
    for f in "$dir"/master.pid "$dir"/worker-*.pid; do
      [[ -f $f ]] || continue
      state=dead; alive "$f" && state=running
      echo "  $(basename "$f" .pid) pid $(cat "$f") $state"
    done
    ;;
  stop)
    stop_all
    echo "stopped"
    ;;
  *) usage 1 ;;
esac
