# Sourced by the scripts: puts the project's tools on PATH and points the wasm tests at Chromium.
export PATH="$PWD/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

# start_server DIR: serves DIR with scripts/serve.py (CORS + Range) on a free 127.0.0.1 port, sets
# SERVER_URL and SERVER_PID, and stops the server when the calling script exits.
start_server() {
  local out; out="$(mktemp)"
  python3 scripts/serve.py --dir "$1" --port 0 > "$out" 2>/dev/null &
  SERVER_PID=$!
  trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do grep -q ' at http' "$out" && break; sleep 0.1; done
  SERVER_URL="$(sed -n 's/.* at //p' "$out" | head -1)"
  [ -n "$SERVER_URL" ] || { echo "could not start a static server for $1" >&2; return 1; }
}
