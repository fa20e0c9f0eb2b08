#!/usr/bin/env bash
# The GPU runner's speed figures, in one call apart from any check: the main job's stage profile (every backend,
# CUDA required), the harness-vs-naive throughput before (the tree in .old, built from an earlier commit with
# `git archive`) and after, alternating twice, and cases/s with 1, 2, 4, 8, 16 and the default judging threads. Run from the project
# root after `npm run build`: `bash .gpu-runner/run.sh bash scripts/gpu-speed.sh OUT` (carry .old to compare).
set -u
out=${1:?usage: gpu-speed.sh OUT_DIR}
logs=$(mktemp -d)
. "$(dirname "${BASH_SOURCE[0]}")/gpu-step.sh"
export TWINPATH_DETERMINISM=0
step profile 120 node bin/twinpath.js run --require-gpu hardware --require-backend cuda --profile --report /tmp/prof
cp /tmp/prof/results.json "$logs/profile-results.json" 2>/dev/null
for round in 1 2; do
  if [ -d .old ]; then
    step "sweep-before-$round" 100 bash -c 'cd .old && npx tsx --conditions=twinpath-source scripts/bench-sweep.ts --naive'
  fi
  step "sweep-after-$round" 100 npx tsx --conditions=twinpath-source scripts/bench-sweep.ts --naive
done
# The default (unset) is a worker thread per core beside the sweep's: 17 on 16 cores.
bench50='npx tsx --conditions=twinpath-source scripts/bench-sweep.ts --runs 50'
for w in 1 2 4 8 16; do step "workers-$w" 40 env TWINPATH_WORKERS=$w $bench50; done
step workers-default 40 env -u TWINPATH_WORKERS $bench50
nproc > "$logs/cores.txt"
tar -C "$logs" -cJf "$out/logs.tar.xz" .
