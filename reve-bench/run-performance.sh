#!/usr/bin/env bash
# Every figure of docs/PERFORMANCE.md in one run. Build first:
#   ./mvnw -B -ntp -pl reve-bench -am verify
# Results (JMH text and JSON, the checks' output, the load before and after) go to
# reve-bench/target/performance/. QUICK=1 runs shorter iterations.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=reve-bench/target/benchmarks.jar
OUT=reve-bench/target/performance
mkdir -p "$OUT"
if [[ "${QUICK:-0}" == 1 ]]; then ITER=(-wi 2 -w 1s -i 3 -r 1s); else ITER=(-wi 3 -w 2s -i 5 -r 2s); fi
uptime | tee "$OUT/load-before.txt"

# Floor, this SDK and openai-java: latency (1 thread), throughput and CPU per call (8 threads),
# allocation per call, the 300-chunk stream.
java -jar "$JAR" 'SideBySideBenchmark\.(roundTrip|stream)$' "${ITER[@]}" -f 1 \
  -prof gc -prof dev.reve.bench.CpuPerOpProfiler \
  -rf json -rff "$OUT/side-by-side.json" | tee "$OUT/side-by-side.txt"
# Eight threads on two cores: the JIT needs longer before the CPU per call is the client's own.
if [[ "${QUICK:-0}" == 1 ]]; then LOADED=(-wi 5 -w 2s -i 3 -r 1s); else LOADED=(-wi 10 -w 5s -i 5 -r 2s); fi
java -jar "$JAR" 'SideBySideBenchmark\.roundTripLoaded$' "${LOADED[@]}" -f 1 \
  -prof gc -prof dev.reve.bench.CpuPerOpProfiler \
  -rf json -rff "$OUT/side-by-side-loaded.json" | tee "$OUT/side-by-side-loaded.txt"
# CPU per call under 8 threads, the three clients taking turns in one warm JVM.
java -cp "$JAR" dev.reve.bench.LoadedCpuCheck | tee "$OUT/loaded-cpu.txt"
# Cold start to first answer, one call per fresh JVM, five JVMs per client.
java -jar "$JAR" ColdStartBenchmark -rf json -rff "$OUT/cold-start.json" | tee "$OUT/cold-start.txt"
# One dream to two analysts, and 100 dreams x 2 at concurrency 16, 200 ms per answer.
java -jar "$JAR" FanOutBenchmark -rf json -rff "$OUT/fan-out.json" | tee "$OUT/fan-out.txt"
# A session turn (three-turn sessions) beside a single analysis; batch input lines built per second.
java -jar "$JAR" SessionBenchmark "${ITER[@]}" -f 1 -prof gc -rf json -rff "$OUT/session.json" \
  | tee "$OUT/session.txt"
java -jar "$JAR" BatchBuildBenchmark "${ITER[@]}" -f 1 -prof gc -rf json -rff "$OUT/batch-build.json" \
  | tee "$OUT/batch-build.txt"
# Server writes an SSE delta -> listener receives it.
java -cp "$JAR" dev.reve.bench.StreamLatencyCheck | tee "$OUT/stream-latency.txt"
# A 512 MiB upload in a 64 MB heap.
java -Xmx64m -cp "$JAR" dev.reve.bench.UploadMemoryCheck | tee "$OUT/upload-64m.txt"
# A 512 MB training file validated in a 64 MB heap, both passes (SKIP_VALIDATION=1 skips it).
[[ "${SKIP_VALIDATION:-0}" == 1 ]] || java -Xmx64m -cp "$JAR" dev.reve.bench.ValidationMemoryCheck \
  | tee "$OUT/validation-64m.txt"

uptime | tee "$OUT/load-after.txt"
