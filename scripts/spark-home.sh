#!/usr/bin/env bash
# Assembles (if needed) and prints the Spark home built from Maven-resolved jars:
#   spark-job/target/spark-home/{RELEASE, jars/ (Spark 4.2.0 runtime + hadoop-aws + AWS SDK s3), conf/log4j2.properties}
# It is the `package` phase of spark-job (maven-dependency-plugin copy-dependencies + maven-resources-plugin);
# nothing is downloaded beyond what Maven resolves from Maven Central. Try it:
#   cd "$(scripts/spark-home.sh)" && java -cp 'jars/*' org.apache.spark.deploy.master.Master --help
# Options: --rebuild   run the Maven build even when the home exists.
set -euo pipefail
source "$(dirname "$0")/spark-common.sh"
if [[ ${1:-} == --rebuild ]]; then
  rm -f "$spark_home/RELEASE"
fi
ensure_built
echo "$spark_home"
