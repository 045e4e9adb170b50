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

# axe-core for the accessibility browser tests, at the version the lock file pins (npm registry).
if [ ! -f OneStop.Tests/Browser/axe/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
  fi
  npm ci --prefix OneStop.Tests/Browser/axe --no-audit --no-fund --loglevel=error
fi

dotnet test OneStop.sln --logger "console;verbosity=normal" "$@"
