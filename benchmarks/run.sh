#!/usr/bin/env bash
# Reproduces the whole benchmark set and writes docs/benchmarks.md and docs/benchmarks.png.
#   benchmarks/run.sh            full run (about 15 minutes on 2 cores)
#   benchmarks/run.sh --smoke    every scenario for seconds, report in benchmarks/target/smoke
# Extra arguments go to io.peersocket.bench.run.BenchMain (e.g. --targets webflux-plain,starter-reactive-push).
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
exec java -Xmx2g -Dbench.home=. -cp "target/classes:$(cat target/classpath.txt)" \
  io.peersocket.bench.run.BenchMain "$@"
