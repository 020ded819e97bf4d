#!/usr/bin/env bash
# Runs the benchmarks of issues 6 and 19 (cn.jiaoliu.bench.JiaoliuBenchmark) and writes benchmarks/RESULTS.md.
# Needs what the test run needs (PostgreSQL at 127.0.0.1:5432; .ci/run installs the rest), about 15 GB
# of disk for B2's data and, at the issue's sizes, 50 minutes on a 2-core machine plus the build
# (measured 2026-12-06; benchmarks/README.md). Options go to Maven, e.g.
#   benchmarks/run.sh -Dbench.n=2000          more flows in B1
#   benchmarks/run.sh -Dbench.only=B1         only B1 (and B4); B2, B3, B6 likewise, comma-separated
#   benchmarks/run.sh -Dbench.b2-open=10000 -Dbench.b2-completed=100000 -Dbench.b3-assignments=1000 -Dbench.b6-open=200
#                                             smaller sizes (a smoke run: benchmarks/README.md lists them all)
#   benchmarks/run.sh -Dbench.only=B2 -Dbench.b2-schema=bench_b2
#                                             keep B2's data for the next run
#   benchmarks/run.sh -Dbench.only=B2 -Dbench.jfr=/tmp/app.jfr -Dbench.results=/tmp/RESULTS.md
#                                             profile the app (JDK Flight Recorder) without touching RESULTS.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=../scripts/java-home.sh
. "$ROOT/scripts/java-home.sh"
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not answering at 127.0.0.1:5432 (see .ci/run)" >&2; exit 1; }
./mvnw -B -q install -DskipTests -Dbpmnlint.skip -pl '!app'
exec ./mvnw -B -pl app verify -Pbenchmarks,postgres "$@"
