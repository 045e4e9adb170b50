#!/usr/bin/env bash
# Backs up a OneStop center into a folder, keeping the newest KEEP backups (default 14). Safe while the app runs.
#
#   backup.sh sqlite     data/onestop.db                                   /var/backups/onestop
#   backup.sh postgresql "host=db1 dbname=onestop user=onestop"            /var/backups/onestop
#
# SQLite: sqlite3's online backup (.backup) copies one consistent state of the file while nodes keep writing (WAL);
#         a plain `cp` of a live file may catch half a write. Restore: stop the app, put the .db in place of
#         data/onestop.db (remove data/onestop.db-wal and -shm), start.
# PostgreSQL: pg_dump's custom format (-Fc) in one snapshot; the second argument is libpq's form (also PGPASSWORD or
#         ~/.pgpass), not the app's Npgsql connection string. Restore into a new database:
#           createdb onestop_restored && pg_restore --no-owner -d "dbname=onestop_restored" onestop-….dump
# Hangfire's job store is not backed up: every start registers the recurring jobs again (on SQLite it is
# data/onestop.jobs.db; on PostgreSQL its "hangfire" schema is left out of the dump).
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 sqlite|postgresql <database file | libpq connection> <backup folder>" >&2
  exit 2
fi
kind=$1 source=$2 folder=$3 keep=${KEEP:-14}
mkdir -p "$folder"
stamp=$(date -u +%Y%m%d-%H%M%S)
case "$kind" in
  sqlite)
    command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 2; }
    [ -f "$source" ] || { echo "$source: no such SQLite file" >&2; exit 2; }
    out="$folder/onestop-$stamp.db"
    sqlite3 "$source" ".backup '$out.part'"
    [ "$(sqlite3 "$out.part" 'PRAGMA integrity_check;')" = ok ] || { echo "$out.part: integrity check failed" >&2; exit 1; }
    mv "$out.part" "$out"
    pattern='onestop-*.db'
    ;;
  postgresql)
    out="$folder/onestop-$stamp.dump"
    pg_dump --format=custom --no-owner --exclude-schema=hangfire --file="$out.part" "$source"
    pg_restore --list "$out.part" >/dev/null
    mv "$out.part" "$out"
    pattern='onestop-*.dump'
    ;;
  *)
    echo "$kind: the first argument must be sqlite or postgresql" >&2
    exit 2
    ;;
esac
echo "$out"
# The newest $keep stay (the names sort by time).
find "$folder" -maxdepth 1 -name "$pattern" | sort | head -n "-$keep" | xargs -r rm --
