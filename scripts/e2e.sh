#!/usr/bin/env bash
# Browser tests: a real `hamyar serve` on a fresh data directory, seeded
# through the CLI, driven by playwright-core in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/debug/hamyar
data=$(mktemp -d)
log="$data/server.log"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

export HAMYAR_DATA_DIR="$data"
unset HAMYAR_DATABASE_URL
password="e2e-password-1404"
"$bin" hq add --code tehran --name "ستاد تهران" >/dev/null
"$bin" center add --code golestan --name "مرکز همیاری خانوادهٔ گلستان" >/dev/null
echo "$password" | "$bin" user add --username e2e.manager --role center_manager --center golestan --name "فاطمه کاظمی" >/dev/null
echo "$password" | "$bin" user add --username e2e.admin --role hq_admin --hq tehran --name "مهدی صالحی" >/dev/null

"$bin" serve --listen 127.0.0.1:0 >"$log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log"; echo "server exited" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { cat "$log"; echo "server did not start" >&2; exit 1; }

export HAMYAR_E2E_URL="$url" HAMYAR_E2E_USER=e2e.manager HAMYAR_E2E_PASSWORD="$password"
export HAMYAR_E2E_ADMIN=e2e.admin
mkdir -p target/screenshots
(cd web && npm run e2e)
