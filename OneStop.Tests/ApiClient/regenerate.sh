#!/usr/bin/env bash
# Regenerates the API client the tests drive, from the app's own document:
#  1. the contract test writes the live /openapi/v1.json (without "servers") over openapi-v1.json;
#  2. Kiota 1.38.0 (a local tool, .config/dotnet-tools.json) generates Generated/ from it.
# Run it after changing the API on purpose; commit both. CI never regenerates: a change to the API that the committed
# client does not match fails ApiContractTests.
set -euo pipefail
cd "$(dirname "$0")"
ONESTOP_UPDATE_OPENAPI=1 dotnet test ../OneStop.Tests.csproj --filter "FullyQualifiedName~ApiContractTests.The_committed_document" || true
dotnet tool restore
dotnet kiota generate -l CSharp -d openapi-v1.json -o Generated -c OneStopApiClient -n OneStop.Tests.ApiClient.Generated \
  --exclude-backward-compatible --clean-output
