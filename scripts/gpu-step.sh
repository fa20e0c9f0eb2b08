# Sourced by the GPU runner's scripts (gpu-native.sh, gpu-speed.sh, gpu-session.sh): `step NAME SECONDS COMMAND...`
# runs one step under its own time limit, logs it to $logs/NAME.log, appends `NAME: rc=N S s` to $out/steps.txt,
# and tars the logs into $out/logs.tar.xz after every step, so a call cut short still brings back what ran.
# Needs $out (the call's OUT folder) and $logs (a scratch folder).
step() {
  local name=$1 limit=$2
  shift 2
  local t=$SECONDS
  timeout -k 5 "$limit" "$@" > "$logs/$name.log" 2>&1
  echo "$name: rc=$? $((SECONDS - t)) s" | tee -a "$out/steps.txt"
  tar -C "$logs" -cJf "$out/logs.tar.xz" .
}
