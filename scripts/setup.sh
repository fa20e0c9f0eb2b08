#!/usr/bin/env bash
# twinpath setup: make sure a Vulkan driver that Dawn accepts exists; in a
# checkout of this repository also install Chromium (the report's browser
# test) and the npm dependencies. From an installed package
# (node_modules/twinpath/scripts/setup.sh) only the driver is its business.
# Idempotent: a second run changes nothing.
#
# - A hardware driver (any ICD that is not Mesa's lavapipe) is left alone.
# - A C/C++ compiler (the native backends build kernels with it at run time)
#   is installed (Debian's g++) where none is found.
# - With no ICD at all, or only Debian bookworm's Mesa 22 lavapipe (which
#   Dawn rejects: "shaderUniform*ArrayDynamicIndexing required", docs/facts.md#runtime),
#   Mesa's lavapipe is installed from bookworm-backports.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'setup: %s\n' "$*"; }

icd_dirs=(/usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/share/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d)

# ICD manifests that are not Mesa's (Mesa's own intel/radeon ICDs need that hardware).
hardware_icds() {
  local f mesa_files
  mesa_files=$(dpkg -L mesa-vulkan-drivers 2>/dev/null || true)
  for f in ${VK_DRIVER_FILES:-} ${VK_ICD_FILENAMES:-}; do [ -f "$f" ] && echo "$f"; done
  for d in "${icd_dirs[@]}"; do
    [ -d "$d" ] || continue
    find "$d" -maxdepth 1 -name '*.json' 2>/dev/null | grep -vxF "$mesa_files" || true
  done
}

mesa_major() {
  dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null | sed -E 's/^([0-9]+:)?([0-9]+).*/\2/'
}

install_lavapipe() {
  if ! command -v apt-get >/dev/null; then
    echo "setup: no Vulkan driver and no apt-get: install a GPU driver, or Mesa >= 25 lavapipe (mesa-vulkan-drivers), by hand" >&2
    exit 1
  fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  local list=/etc/apt/sources.list.d/twinpath-bookworm-backports.list
  if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    say "adding bookworm-backports to apt sources ($list)"
    echo 'deb http://deb.debian.org/debian bookworm-backports main' | $sudo tee "$list" >/dev/null
  fi
  say "installing Mesa lavapipe (software Vulkan) from bookworm-backports"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -t bookworm-backports \
    mesa-vulkan-drivers libvulkan1 >/dev/null
}

if [ -n "$(mesa_major)" ] && [ "$(mesa_major)" -ge 25 ]; then
  say "Mesa $(mesa_major) lavapipe already installed"
elif [ -n "$(hardware_icds | head -n1)" ]; then
  say "Vulkan driver present ($(hardware_icds | head -n1)); not installing lavapipe"
else
  install_lavapipe
  say "installed Mesa $(mesa_major) lavapipe"
fi

checkout=false
[ -f package-lock.json ] && checkout=true

# The report's browser test drives Debian's Chromium (playwright-core never downloads a browser).
if $checkout && ! command -v chromium >/dev/null && [ -z "${TWINPATH_CHROMIUM:-}" ]; then
  if command -v apt-get >/dev/null; then
    say "installing Chromium for the report's browser test"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: no chromium and no apt-get: install Chromium and set TWINPATH_CHROMIUM to its path" >&2
    exit 1
  fi
fi

# The C++ backend and the C layout checks compile with the system compiler.
if ! command -v c++ >/dev/null && ! command -v g++ >/dev/null && ! command -v clang++ >/dev/null && [ -z "${TWINPATH_CXX:-}" ]; then
  if command -v apt-get >/dev/null; then
    say "installing g++ for the native backends"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq g++ >/dev/null
  else
    echo "setup: no C++ compiler and no apt-get: install g++ or clang++, or set TWINPATH_CXX to one" >&2
    exit 1
  fi
else
  say "C++ compiler present ($(command -v "${TWINPATH_CXX:-c++}" || command -v g++ || command -v clang++))"
fi

if $checkout; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
node bin/twinpath.js adapter
