#!/usr/bin/env bash
# Browser tests against the real thing: `hamyar demo` (a fresh demo data
# directory each run), driven by playwright-core in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/debug/hamyar
log=$(mktemp)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -f "$log"
}
trap cleanup EXIT

RUST_LOG=warn "$bin" demo --listen 127.0.0.1:0 >"$log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 150); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log"; echo "demo server exited" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { cat "$log"; echo "demo server did not start" >&2; exit 1; }
password=$(sed -n 's/^password for every login[^:]*: //p' "$log")
[ -n "$password" ] || { cat "$log"; echo "demo did not print its password" >&2; exit 1; }

export HAMYAR_E2E_URL="$url" HAMYAR_E2E_USER=manager.golestan HAMYAR_E2E_PASSWORD="$password"
export HAMYAR_E2E_HELPER=helper.ali
mkdir -p target/screenshots
(cd web && npm run e2e)
