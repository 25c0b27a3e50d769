#!/usr/bin/env bash
# The web app's API client is generated from the server's OpenAPI document
# and committed; this fails when the two have drifted apart.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run -q -p hamyar -- openapi > "$tmp/openapi.json"
(cd web && npx --no-install openapi-typescript "$tmp/openapi.json" -o "$tmp/schema.d.ts" >/dev/null)
if ! diff -u web/src/api/schema.d.ts "$tmp/schema.d.ts"; then
  echo "web/src/api/schema.d.ts is stale: run 'make api-client' and commit the result." >&2
  exit 1
fi
echo "API client matches the OpenAPI document."
