#!/usr/bin/env bash
# Everything a closing note needs from the GPU runner when one call is all the device time left: the checks of
# scripts/gpu-native.sh first (CUDA examples with nvcc and NVRTC, the planted CUDA project, compute-sanitizer), then
# the speed figures of scripts/gpu-speed.sh (harness vs naive after and before, the profile, the bench and its
# planted slowdown, cases/s by judging threads), one step at a time, never overlapping. Each step has its own time
# limit and log in OUT (tarred into OUT/logs.tar.xz after every step).
set -u
out=${1:?usage: gpu-session.sh OUT_DIR}
root=$(pwd)
logs=$(mktemp -d)
. "$(dirname "${BASH_SOURCE[0]}")/gpu-step.sh"
export TWINPATH_DETERMINISM=0
tw="$root/bin/twinpath.js"
sweep=(npx tsx --conditions=twinpath-source scripts/bench-sweep.ts)
mkdir -p examples/node_modules && ln -sfn ../.. examples/node_modules/twinpath
step examples-nvcc 50 npx vitest run --root examples
step examples-nvrtc 50 env TWINPATH_CUDA_COMPILER=nvrtc npx vitest run --root examples
cd src/backends/cuda/fixtures/planted-project
step planted 30 node "$tw" run --backend cuda --report /tmp/p0
step smem-memcheck 20 node "$tw" run smem_short --backend cuda --sanitize memcheck --report /tmp/p2
cd "$root"
step sweep-after 70 "${sweep[@]}" --naive
[ -d .old ] && step sweep-before 70 bash -c "cd .old && ${sweep[*]} --naive"
step profile 70 node "$tw" run --require-gpu hardware --require-backend cuda --profile --report /tmp/prof
cp /tmp/prof/results.json "$logs/profile-results.json" 2>/dev/null
step bench 60 node "$tw" bench mip_downsample generate_mips im2col photo_pipeline --sizes 1080p,4k --budget 0.3
cd src/bench/fixtures/slowdown-project
step slowdown-save 20 node "$tw" bench rounds --sizes 1080p --budget 0.5 --save /tmp/rounds.json
step slowdown-same 20 node "$tw" bench rounds --sizes 1080p --budget 0.5 --baseline /tmp/rounds.json --fail-on-regression 20
step slowdown-2x 20 env TWINPATH_PLANTED_SLOWDOWN=1 node "$tw" bench rounds --sizes 1080p --budget 0.5 --baseline /tmp/rounds.json --fail-on-regression 20
cd "$root"
for w in 1 4 16; do step "workers-$w" 25 env TWINPATH_WORKERS=$w "${sweep[@]}" --runs 30; done
step wgsl-guard 25 env TWINPATH_REQUIRE_GPU=hardware TWINPATH_REPORT=/tmp/p9 npx vitest run src/core/judge/planted-model.test.ts
step readpast-memcheck 20 bash -c "cd src/backends/cuda/fixtures/planted-project && node $tw run read_past --backend cuda --sanitize memcheck --report /tmp/p5"
