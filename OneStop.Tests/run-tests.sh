#!/usr/bin/env bash
# Runs every OneStop test on a machine with only the .NET 10 SDK: installs Debian's Chromium
# first when it is missing (the browser tests drive it), then builds and tests the solution.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing: installing Debian's package (needed by the browser tests)."
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

dotnet test OneStop.sln --logger "console;verbosity=normal" "$@"
