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
. "$(dirname "${BASH_SOURCE[0]}")/gpu-step.sh"
export TWINPATH_DETERMINISM=0
tw="$root/bin/twinpath.js"
mkdir -p examples/node_modules && ln -sfn ../.. examples/node_modules/twinpath
step examples-nvcc 70 npx vitest run --root examples
step examples-nvrtc 70 env TWINPATH_CUDA_COMPILER=nvrtc npx vitest run --root examples
cd src/backends/cuda/fixtures/planted-project
step planted 40 node "$tw" run --backend cuda --report /tmp/p0
step planted-nvrtc 40 env TWINPATH_CUDA_COMPILER=nvrtc node "$tw" run --backend cuda --report /tmp/p1
step smem-memcheck 30 node "$tw" run smem_short --backend cuda --sanitize memcheck --report /tmp/p2
step uninit-initcheck 30 node "$tw" run uninit_shared --backend cuda --sanitize initcheck --report /tmp/p4
step readpast-memcheck 30 node "$tw" run read_past --backend cuda --sanitize memcheck --report /tmp/p5
cd "$root"
step bench 150 node "$tw" bench mip_downsample generate_mips im2col photo_pipeline --sizes 1080p,4k --budget 0.5
cd src/bench/fixtures/slowdown-project
step slowdown-save 30 node "$tw" bench rounds --sizes 1080p --save /tmp/rounds.json
step slowdown-same 30 node "$tw" bench rounds --sizes 1080p --baseline /tmp/rounds.json --fail-on-regression 20
step slowdown-2x 30 env TWINPATH_PLANTED_SLOWDOWN=1 node "$tw" bench rounds --sizes 1080p --baseline /tmp/rounds.json --fail-on-regression 20
cd "$root"
step determinism 60 npx vitest run src/core/sweep/pipeline-determinism.test.ts
step wgsl-guard 40 env TWINPATH_REQUIRE_GPU=hardware TWINPATH_REPORT=/tmp/p9 npx vitest run src/core/judge/planted-model.test.ts src/backends/wgsl/array-length.test.ts
for i in 0 1 2 3 4 5; do cp /tmp/p$i/results.json "$logs/planted-p$i.json" 2>/dev/null; done
nvidia-smi -L > "$logs/device.txt" 2>&1; /usr/local/cuda/bin/nvcc --version >> "$logs/device.txt" 2>&1
tar -C "$logs" -cJf "$out/logs.tar.xz" .
