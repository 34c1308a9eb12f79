#!/usr/bin/env bash
# Submits the dwimotion job (org.dwimotion.spark.DwimotionCli in the shaded jar) with Spark's own SparkSubmit,
# run straight from the Maven-assembled Spark home (client mode: the driver runs in this process).
#
#   scripts/submit.sh [spark-submit options] -- <dwimotion arguments>
#   scripts/submit.sh --master spark://127.0.0.1:7077 --executor-memory 768m -- selftest
#
# Without --master: the running scripts/local-cluster.sh cluster if there is one, else local[*].
# --driver-memory sets this JVM's heap (default 1g). conf/spark-defaults.conf is passed as --properties-file.
# Builds the jar and the Spark home first when they are missing (mvn -DskipTests package).
# Environment: DWIMOTION_JAVA_OPTS (extra driver JVM options, after the memory defaults), and those of
# scripts/spark-common.sh: DWIMOTION_SPARK_HOME, DWIMOTION_APP_JAR (use other builds), DWIMOTION_JVM_MEMORY_OPTS,
# MALLOC_ARENA_MAX, DWIMOTION_MVN_OPTS (extra options of the build), JAVA_HOME.
set -euo pipefail
source "$(dirname "$0")/spark-common.sh"

spark_args=() job_args=() master="" driver_memory=1g
if [[ " $* " == *" -- "* ]]; then
  while [[ $# -gt 0 && $1 != -- ]]; do spark_args+=("$1"); shift; done
  shift
fi
job_args=("$@")
for ((i = 0; i < ${#spark_args[@]}; i++)); do
  case ${spark_args[i]} in
    --master) master=${spark_args[i+1]:-} ;;
    --driver-memory) driver_memory=${spark_args[i+1]:-} ;;
    --class) die "the main class is fixed (org.dwimotion.spark.DwimotionCli)" ;;
  esac
done
if [[ -z $master ]]; then
  state=$root/target/local-cluster
  if [[ -f $state/master-url && -f $state/master.pid ]] && kill -0 "$(cat "$state/master.pid")" 2>/dev/null; then
    master=$(cat "$state/master-url")
  else
    master="local[*]"
  fi
  spark_args+=(--master "$master")
  echo "submit: master $master" >&2
fi
[[ ${#job_args[@]} -gt 0 ]] || die "no dwimotion arguments; usage: $0 [spark-submit options] -- <dwimotion arguments>"
ensure_built

case $master in
  local*|spark://127.0.0.1:*|spark://localhost:*) export SPARK_LOCAL_IP=127.0.0.1 ;;
esac
props=()
[[ -f $root/conf/spark-defaults.conf ]] && props=(--properties-file "$root/conf/spark-defaults.conf")

exec "$java_bin" $java_opens -Xmx"$driver_memory" $jvm_memory_opts ${DWIMOTION_JAVA_OPTS:-} \
  -Ddwimotion.home="$root" -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -cp "$spark_home/conf:$spark_home/jars/*" org.apache.spark.deploy.SparkSubmit \
  "${props[@]}" --class org.dwimotion.spark.DwimotionCli "${spark_args[@]}" "$app_jar" "${job_args[@]}"
