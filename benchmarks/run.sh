#!/usr/bin/env bash
# Reproduces the whole benchmark set and writes docs/benchmarks.md and docs/benchmarks.png.
#   benchmarks/run.sh            full run (about 15 minutes on 2 cores)
#   benchmarks/run.sh --smoke    every scenario for seconds, report in benchmarks/target/smoke
# Extra arguments go to io.peersocket.bench.run.BenchMain (e.g. --targets webflux-plain,starter-reactive-push).
# Before/after a change, in the same interleaved rounds (the machine's load shifts between runs):
#   cp autoconfigure/target/peersocket-spring-boot-autoconfigure-*-SNAPSHOT.jar /tmp/before.jar   (before the change)
#   BENCH_OPTS='-Dbench.baseline=/tmp/before.jar -Dbench.rounds=6' benchmarks/run.sh --out target/ab \
#     --targets webflux-plain,starter-reactive-push,starter-reactive-push@base --scenarios echo
# Needs: a JDK 17+, node + npm (for Node `ws`, installed into benchmarks/target/node), godot3-server.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests

if command -v npm >/dev/null && [ ! -d benchmarks/target/node/node_modules/ws ]; then
  mkdir -p benchmarks/target/node
  cp benchmarks/node/package.json benchmarks/node/package-lock.json benchmarks/target/node/
  (cd benchmarks/target/node && npm ci --no-audit --no-fund --silent)
fi

cd benchmarks
exec java -Xmx2g ${BENCH_OPTS:-} -Dbench.home=. -cp "target/classes:$(cat target/classpath.txt)" \
  io.peersocket.bench.run.BenchMain "$@"
