#!/usr/bin/env bash
# The GPU runner's check of native code as its authors write it (CUDA with nvcc and with NVRTC, the planted
# CUDA memory bugs under compute-sanitizer, the CUDA backend's own suites) and of the planted WGSL read past an
# arrayLength-sized binding, in one call. Run from the project root after `npm run build`:
# `bash .gpu-runner/run.sh bash scripts/gpu-native.sh OUT`. Each step has its own time limit and log in OUT
# (tarred into OUT/logs.tar.xz); a failing step does not stop the others.
set -u
out=${1:?usage: gpu-native.sh OUT_DIR}
root=$(pwd)
logs=$(mktemp -d)
step() { # name, seconds, command...
  local name=$1 limit=$2; shift 2
  local t=$SECONDS
  timeout -k 10 "$limit" "$@" > "$logs/$name.log" 2>&1
  echo "$name: rc=$? $((SECONDS - t)) s" | tee -a "$out/steps.txt"
  tar -C "$logs" -cJf "$out/logs.tar.xz" . # after every step: a call cut short still brings back what ran
}
export TWINPATH_DETERMINISM=0
tw="$root/bin/twinpath.js"
mkdir -p examples/node_modules && ln -sfn ../.. examples/node_modules/twinpath
step examples-nvcc 110 npx vitest run --root examples
step examples-nvrtc 110 env TWINPATH_CUDA_COMPILER=nvrtc npx vitest run --root examples
step cuda-suites 120 npx vitest run src/backends/cuda src/backends/native
cd src/backends/cuda/fixtures/planted-project
step planted 45 node "$tw" run --backend cuda --report /tmp/p0
step planted-nvrtc 45 env TWINPATH_CUDA_COMPILER=nvrtc node "$tw" run --backend cuda --report /tmp/p1
step smem-memcheck 45 node "$tw" run smem_short --backend cuda --sanitize memcheck --report /tmp/p2
step smem-racecheck 45 node "$tw" run smem_short --backend cuda --sanitize racecheck --report /tmp/p3
step uninit-initcheck 45 node "$tw" run uninit_shared --backend cuda --sanitize initcheck --report /tmp/p4
step readpast-memcheck 45 node "$tw" run read_past --backend cuda --sanitize memcheck --report /tmp/p5
cs=/usr/local/cuda/bin/compute-sanitizer
step raw-memcheck 45 "$cs" --tool memcheck --target-processes all node "$root/bin/twinpath.js" run smem_short --backend cuda --runs 3 --sanitize off --report /tmp/p6
step raw-initcheck 45 "$cs" --tool initcheck --target-processes all node "$root/bin/twinpath.js" run uninit_shared --backend cuda --runs 3 --sanitize off --report /tmp/p7
step raw-racecheck 45 "$cs" --tool racecheck --target-processes all node "$root/bin/twinpath.js" run smem_short --backend cuda --runs 3 --sanitize off --report /tmp/p8
cd "$root"
step wgsl-guard 90 env TWINPATH_REQUIRE_GPU=hardware TWINPATH_REPORT=/tmp/p9 npx vitest run src/core/judge/planted-model.test.ts src/backends/wgsl/array-length.test.ts
for i in 0 1 2 3 4 5; do cp /tmp/p$i/results.json "$logs/planted-p$i.json" 2>/dev/null; done
nvidia-smi -L > "$logs/device.txt" 2>&1; /usr/local/cuda/bin/nvcc --version >> "$logs/device.txt" 2>&1
tar -C "$logs" -cJf "$out/logs.tar.xz" .
