# Shared by scripts/spark-home.sh, scripts/local-cluster.sh and scripts/submit.sh (sourced, not run).
# Sets: root (repository), spark_home (the Maven-assembled Spark home), app_jar, java_bin, java_opens (Spark's
# --add-opens list, from the parent pom's spark.java.opens), jvm_memory_opts, and the environment Spark's launcher
# code expects. Environment: DWIMOTION_SPARK_HOME (default spark-job/target/spark-home), DWIMOTION_APP_JAR (default
# spark-job/target/dwimotion.jar), DWIMOTION_JVM_MEMORY_OPTS, MALLOC_ARENA_MAX, DWIMOTION_MVN_OPTS (extra options
# of the `mvn package` that ensure_built runs), JAVA_HOME.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
spark_home=${DWIMOTION_SPARK_HOME:-$root/spark-job/target/spark-home}
app_jar=${DWIMOTION_APP_JAR:-$root/spark-job/target/dwimotion.jar}
java_opens=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' "$root/pom.xml")
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
# Memory defaults shared with scripts/dwimotion (why: docs/benchmarks.md, "Launcher memory defaults"): 2 glibc malloc arenas (the
# daemons and the executors they start inherit it; conf/spark-defaults.conf sets it for other clusters' executors
# too) and a heap grown only 10-30 % above its live set. jvm_memory_opts goes before DWIMOTION_JAVA_OPTS (which
# wins); DWIMOTION_JVM_MEMORY_OPTS="" drops it.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
jvm_memory_opts=${DWIMOTION_JVM_MEMORY_OPTS--XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}
export SPARK_HOME=$spark_home
# no spark-submit/bin scripts here to detect it from: the launcher needs it to find jars/ and pick Scala jars
export SPARK_SCALA_VERSION=2.13

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# Builds target/spark-home (and the application jar) with Maven when they are missing.
ensure_built() {
  if [[ -f "$spark_home/RELEASE" && -d "$spark_home/jars" && -f "$app_jar" ]]; then
    return 0
  fi
  [[ -n ${DWIMOTION_SPARK_HOME:-} && ! -f "$spark_home/RELEASE" ]] && die "no Spark home at $spark_home"
  echo "$(basename "$0"): building the application jar and $spark_home (mvn -DskipTests package) ..." >&2
  (cd "$root" && mvn -B -q ${DWIMOTION_MVN_OPTS:-} -DskipTests -pl spark-job -am package) \
    || die "build failed; run (cd $root && mvn -DskipTests package) to see why"
}

# True when something listens on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# First port from $1 upwards that nobody listens on.
free_port_from() {
  local p=$1
  while port_in_use "$p"; do p=$((p + 1)); done
  echo "$p"
}
