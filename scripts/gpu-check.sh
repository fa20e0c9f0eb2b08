#!/usr/bin/env bash
# The GPU runner's check, in one call (the figures of a closing note come
# from it): the main job on every backend with hardware and CUDA required,
# the planted native bugs on CUDA, the examples against the built package,
# the bench of WGSL, CUDA and C++ side by side, the harness-vs-naive
# throughput and the cost of a second output. Run from the project root
# after `npm run build`, with the runner's node on PATH (`bash .gpu-runner/run.sh bash scripts/gpu-check.sh OUT`).
# Each step has its own time limit and log in OUT; a failing step does not
# stop the others.
set -u
out=${1:?usage: gpu-check.sh OUT_DIR}
mkdir -p "$out"
step() { # name, seconds, command...
  local name=$1 limit=$2; shift 2
  local t=$SECONDS
  timeout -k 10 "$limit" "$@" > "$out/$name.log" 2>&1
  echo "$name: rc=$? $((SECONDS - t)) s" | tee -a "$out/steps.txt"
}
export TWINPATH_DETERMINISM=0
step parity 200 node bin/twinpath.js run --require-gpu hardware --require-backend cuda --report /tmp/gpu-report
cp /tmp/gpu-report/results.json "$out/results.json" 2>/dev/null
step native-planted 120 npx vitest run src/backends/native/planted.test.ts src/backends/native/planted-hang.test.ts src/backends/native/planted-buffers.test.ts src/backends
mkdir -p examples/node_modules && ln -sfn ../.. examples/node_modules/twinpath
step examples 90 npx vitest run --root examples
step bench 240 node bin/twinpath.js bench mip_downsample generate_mips im2col photo_pipeline --sizes 1080p,4k --budget 1
step bench-sweep 150 npx tsx scripts/bench-sweep.ts --naive
step bench-outputs 90 npx tsx scripts/bench-outputs.ts
tail -n 4 "$out/parity.log"
