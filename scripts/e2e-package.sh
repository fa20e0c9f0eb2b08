#!/usr/bin/env bash
# The package as an outside user gets it: `npm pack`, install the tarball
# into a fresh project outside this checkout, follow the README
# (init, run, typecheck), init in an existing project (its own tsconfig and
# vitest include), then plant a bug in the scaffold's WGSL and check
# that the replay line the failure prints reproduces it in that project.
# Also: --version, run --list, layout --ts, merge, bench and watch from the
# installed package. Ends with `twinpath: N passed, N failed, 0 skipped`.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/twinpath-e2e.XXXXXX")
watcher=""
stop_watch() { # the watcher runs in its own process group: npx, the CLI and vitest's workers end together
  [ -n "$watcher" ] && kill -INT -- "-$watcher" 2>/dev/null && wait "$watcher" 2>/dev/null
  watcher=""
}
cleanup() {
  stop_watch
  rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "e2e ✓ $what"; else failed=$((failed + 1)); echo "e2e ✗ $what"; fi
}
finish() {
  echo "twinpath: ${passed} passed, ${failed} failed, 0 skipped"
  [ "$failed" = 0 ]
  exit
}

(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null) || { failed=1; finish; }
tgz=$(ls "$work"/twinpath-*.tgz)
proj="$work/proj"
mkdir "$proj" && cd "$proj" || finish
npm init -y >/dev/null
check "npm i -D the tarball" npm i -D "$tgz" --no-audit --no-fund --loglevel=error
version=$(node -p "require('$repo/package.json').version")
check "--version" bash -c "npx twinpath --version | grep -qx 'twinpath $version'"
check "init" bash -c 'npx twinpath init > init.log && grep -q "created kernels/flip_y/kernel.ts" init.log'
check "init never overwrites" bash -c 'npx twinpath init --no-install | grep -q "kept kernels/flip_y/kernel.ts (exists)"'
check "npm run typecheck is clean" npm run --silent typecheck
check "twinpath run passes" bash -c \
  'npx twinpath run > run.log 2>&1 || { cat run.log; exit 1; }; grep -q "^twinpath: 1 passed, 0 failed" run.log'
check "npx vitest run (the preset, toMatchOracle)" bash -c 'npx vitest run > vitest.log 2>&1 || { cat vitest.log; exit 1; }'
check "run --list" bash -c 'npx twinpath run --list | grep -Eq "^flip_y +wgsl +\(one\) +cases/flip_y.test.ts$"'

mkdir -p structs
cat > structs/params.wgsl <<'WGSL'
struct Params { gain: f32, offset: vec3f, seed: u32 }
WGSL
cat > structs/params.ts <<'TS'
import { f32, struct, u32, vec3 } from 'twinpath';
export const Params = struct('Params', { gain: f32, offset: vec3(f32), seed: u32 });
TS
check "layout --ts on a module of the project" bash -c \
  'npx twinpath layout structs/params.wgsl --ts structs/params.ts#Params | grep -q "TS, WGSL and GPU agree: 32 bytes"'
check "merge" bash -c 'npx twinpath merge twinpath-report --report merged | grep -qx "report: merged/index.html"'
check "bench" bash -c 'npx twinpath bench --sizes 720p --budget 0.5 | grep -Eq "^flip_y +720p +wgsl +[0-9.]+"'

setsid npx twinpath watch > watch.log 2>&1 &
watcher=$!
waitfor() { for _ in $(seq 1 120); do grep -q "$1" watch.log && return 0; sleep 1; done; cat watch.log; return 1; }
check "watch: first run" waitfor '^twinpath ✓ flip_y: pass, 20 cases'
echo '// edited' >> kernels/flip_y/flip-y.wgsl
check "watch: a .wgsl edit reruns its sweep" \
  waitfor '^twinpath watch: kernels/flip_y/flip-y.wgsl changed; rerunning cases/flip_y.test.ts'
stop_watch

# An existing project: its own tsconfig (extensionless imports), its own vitest include; the installed packages shared.
ex="$work/existing"
mkdir -p "$ex/src" "$ex/test" && cd "$ex" || finish
ln -s "$proj/node_modules" node_modules
cat > package.json <<'JSON'
{ "name": "existing", "version": "1.0.0", "type": "module", "scripts": { "typecheck": "tsc --noEmit -p ." } }
JSON
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": { "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "strict": true,
    "noEmit": true, "skipLibCheck": true, "types": ["node"] },
  "include": ["src", "test"]
}
JSON
echo 'export const add = (a: number, b: number): number => a + b;' > src/add.ts
echo "import { add } from './add'; export const three = add(1, 2);" > src/index.ts
cat > test/add.test.ts <<'TS'
import { expect, test } from 'vitest';
import { three } from '../src/index';
test('add', () => expect(three).toBe(3));
TS
cat > vitest.config.ts <<'TS'
import { defineConfig } from 'vitest/config';
import { twinpath } from 'twinpath/vitest';
export default defineConfig({ plugins: [twinpath()], test: { include: ['test/**/*.test.ts'] } });
TS
check "init in an existing project: tsconfig.twinpath.json, .gitignore, a CI workflow" bash -c \
  'npx twinpath init --no-install --ci github > init.log && grep -q "created tsconfig.twinpath.json" init.log &&
   grep -qx "twinpath-report/" .gitignore && test -f .github/workflows/twinpath.yml'
check "existing project: typecheck clean, its extensionless imports kept" npm run --silent typecheck
echo "export const planted: number = 'not a number';" >> oracles/flip-y.ts
check "existing project: typecheck covers oracles/ (a planted type error fails it)" \
  bash -c '! npm run --silent typecheck > tc.log 2>&1 && grep -q "oracles/flip-y.ts" tc.log'
sed -i '$d' oracles/flip-y.ts
check "existing project: npx vitest run with its own include runs the sweep too" bash -c \
  'npx vitest run > vitest.log 2>&1 || { cat vitest.log; exit 1; }; grep -q "twinpath ✓ flip_y: pass" vitest.log'
cd "$proj" || finish

# The planted bug: every other row read from the wrong place.
sed -i 's/desc.height - 1u - gid.y, 0u)/desc.height - 1u - gid.y \/ 2u, 0u)/' kernels/flip_y/flip-y.wgsl
npx twinpath run > planted.log 2>&1
check "the planted bug fails the run" \
  bash -c '! grep -q "^twinpath: 1 passed" planted.log && grep -q "flip_y: mismatch on" planted.log'
replay=$(sed -nE 's/^ *replay: (npx twinpath run .*)$/\1/p' planted.log | head -n 1)
shrunk=$(grep -m1 'shrunk case:' planted.log | sed -E 's/^ *//')
check "a replay line is printed" test -n "$replay"
bash -c "$replay" > replay.log 2>&1
check "the replay reproduces the same case, alone" bash -c \
  "grep -qF '$shrunk' replay.log && grep -q 'failed after 1 case ' replay.log && grep -q '^twinpath: 0 passed, 1 failed' replay.log"
finish
