#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a loopback port for the tests, installing Debian's postgresql first when
# initdb is missing, and prints the connection string the tests read from ONESTOP_TEST_POSTGRES. The cluster lives in
# a temporary folder with trust authentication on 127.0.0.1 only; `postgres-test-server.sh stop DIR` ends it.
# Used by run-tests.sh (and so by .ci/run) when ONESTOP_TEST_POSTGRES is not already set.
set -euo pipefail

if [ "${1:-}" = stop ]; then
  dir=$2
  owner=$(stat -c %U "$dir")
  if [ "$(id -u)" = 0 ] && [ "$owner" != root ]; then su "$owner" -s /bin/sh -c "pg_ctl -D '$dir/data' -m fast stop" >/dev/null || true
  else pg_ctl -D "$dir/data" -m fast stop >/dev/null || true; fi
  rm -rf "$dir"
  exit 0
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL is missing: installing Debian's package (needed by the PostgreSQL tests)." >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

port=${ONESTOP_TEST_POSTGRES_PORT:-55432}
dir=$(mktemp -d /tmp/onestop-pg.XXXXXX)
run() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root: the cluster belongs to Debian's postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  run() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
fi
run "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# Many parallel test contexts: more connections than the default 100; fsync off (a throwaway cluster).
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "dir=$dir"
echo "connection=Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
