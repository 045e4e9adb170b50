#!/usr/bin/env bash
# Runs every OneStop test on a machine with only the .NET 10 SDK: installs Debian's Chromium
# first when it is missing (the browser tests drive it), then builds and tests the solution on SQLite, then runs the
# integration suite again on a throwaway PostgreSQL server (Debian's postgresql, installed when missing).
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

# nginx for the load-balancer test (OneStop.Tests/Operations: two nodes behind OneStop.Web/Deploy/nginx-onestop.conf)
# and sqlite3 for the backup test (OneStop.Web/Deploy/backup.sh uses its online backup).
missing=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if [ "${ONESTOP_TEST_SKIP_POSTGRES:-}" != 1 ] && [ ${#missing[@]} -gt 0 ]; then
  echo "${missing[*]} missing: installing Debian's packages (needed by the load-balancer and backup tests)."
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A throwaway PostgreSQL server on a loopback port, unless ONESTOP_TEST_POSTGRES names one already. Started before the
# SQLite pass: its Operations tests copy a SQLite center onto PostgreSQL and run nodes on the copy in child processes.
# ONESTOP_TEST_SKIP_POSTGRES=1 leaves the server, those tests and the PostgreSQL pass out (a quick local run).
pg_dir=""
# Without arguments the SQLite pass leaves out the tests that need a shared server (two nodes, each with a Hangfire
# server: [Trait("Providers", "PostgreSqlOnly")]); they run in the PostgreSQL pass.
sqlite_filter=(--filter "Providers!=PostgreSqlOnly")
if [ "${ONESTOP_TEST_SKIP_POSTGRES:-}" = 1 ]; then
  sqlite_filter=(--filter "Providers!=PostgreSqlOnly&Providers!=SqliteAndPostgreSqlServer")
elif [ -z "${ONESTOP_TEST_POSTGRES:-}" ]; then
  server=$(bash OneStop.Tests/postgres-test-server.sh)
  pg_dir=$(sed -n 's/^dir=//p' <<<"$server")
  export ONESTOP_TEST_POSTGRES=$(sed -n 's/^connection=//p' <<<"$server")
  trap 'bash OneStop.Tests/postgres-test-server.sh stop "$pg_dir"' EXIT
fi

# 1. Everything on SQLite, the embedded default.
set +e
[ $# -eq 0 ] || sqlite_filter=()
dotnet test OneStop.sln --logger "console;verbosity=normal" "${sqlite_filter[@]}" "$@"
sqlite_status=$?
set -e

# 2. The integration suite again on the PostgreSQL server. With arguments (a filter, say) only the SQLite pass runs, as asked.
if [ "${ONESTOP_TEST_SKIP_POSTGRES:-}" = 1 ] || [ $# -gt 0 ]; then exit "$sqlite_status"; fi
# The folders whose tests run on both providers; a test that checks something only SQLite has (query plans, the
# job file, the EF 6 upgrade) carries [Trait("Providers", "SqliteOnly")].
both="OneStop.Tests.Domain.Dossiers|OneStop.Tests.Domain.Calendar|OneStop.Tests.Access|OneStop.Tests.Deadlines"
both="$both|OneStop.Tests.Ingestion|OneStop.Tests.Jobs.HangfireExactlyOnceTests|OneStop.Tests.Notifications|OneStop.Tests.Reports"
both="$both|OneStop.Tests.Settings|OneStop.Tests.Staffing|OneStop.Tests.Webhooks|OneStop.Tests.ApiClient|OneStop.Tests.Persistence.ProviderTests|OneStop.Tests.MultiNode"
both="$both|OneStop.Tests.Integration.ProviderMeasurementsSmokeTests"
# Their Chromium tests (…BrowserTests) stay in the SQLite pass: the pages are the same code on either provider, and the
# queries, writes, jobs and reports under them run here. The two-node tests keep Chromium: what they check is the provider.
filter="($(sed 's/[^|]*/FullyQualifiedName~&/g' <<<"$both"))&Providers!=SqliteOnly&FullyQualifiedName!~BrowserTests"
echo "PostgreSQL pass: the same tests on $(sed 's/;.*//' <<<"$ONESTOP_TEST_POSTGRES")"
set +e
ONESTOP_TEST_PROVIDER=PostgreSql dotnet test OneStop.Tests --no-build --logger "console;verbosity=normal" --filter "$filter"
pg_status=$?
set -e
[ "$sqlite_status" = 0 ] && [ "$pg_status" = 0 ]
