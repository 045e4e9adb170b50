#!/usr/bin/env bash
# Remakes onestop-ef6.db and onestop-ef6.manifest.json beside this script with the EF Core 6 build of OneStop.
#   bash OneStop.Tests/Persistence/Fixtures/make-ef6-fixture.sh [checkout-of-18ad24f]
# Without an argument it adds a temporary git worktree of commit 18ad24f (the last EF 6 commit) and removes it after.
# The maker (Ef6FixtureMaker/) is copied into that checkout and built there, against its projects and EF Core 6.0.7.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
commit=18ad24f
tree="${1:-}"
cleanup=""
if [ -z "$tree" ]; then
  tree="$(mktemp -d)/ef6"
  git -C "$repo" worktree add --detach "$tree" "$commit" >/dev/null
  cleanup="$tree"
fi
trap '[ -n "$cleanup" ] && git -C "$repo" worktree remove --force "$cleanup"' EXIT
[ "$(git -C "$tree" rev-parse --short=7 HEAD)" = "$commit" ] || { echo "$tree is not at $commit" >&2; exit 1; }
grep -q '"Microsoft.EntityFrameworkCore.Sqlite" Version="6.0.7"' "$tree/Directory.Packages.props" || { echo "$tree is not the EF 6 build" >&2; exit 1; }

rm -rf "$tree/Ef6FixtureMaker"
cp -r "$here/Ef6FixtureMaker" "$tree/Ef6FixtureMaker"
dotnet build "$tree/Ef6FixtureMaker" -c Release -v q -nologo
work="$(mktemp -d)"
EF6_COMMIT="$(git -C "$tree" rev-parse HEAD)" dotnet "$tree/Ef6FixtureMaker/bin/Release/net10.0/Ef6FixtureMaker.dll" \
  "$work/onestop-ef6.db" "$here/prune-ef6-fixture.sql" "$here/onestop-ef6.manifest.json" "$tree/appsettings.json"
cp "$work/onestop-ef6.db" "$here/onestop-ef6.db"
rm -rf "$work" "$tree/Ef6FixtureMaker"
ls -l "$here/onestop-ef6.db" "$here/onestop-ef6.manifest.json"
