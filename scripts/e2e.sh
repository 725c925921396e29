#!/usr/bin/env bash
# End-to-end test of the page: builds dist/ with Trunk (unless E2E_NO_BUILD=1), then drives it in
# headless Chromium (tests/e2e/page.mjs serves dist/ on 127.0.0.1 at an ephemeral port, at / and
# under a sub-path). Needs: trunk 0.21.14, wasm-bindgen 0.2.130, .tools/ with npm binaryen@132.0.0
# and playwright-core@1.65.1, Debian chromium. Screenshots: test-artifacts/. Last line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="$PWD/.tools/node_modules"
export PATH="$TOOLS/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [ "${E2E_NO_BUILD:-0}" != 1 ]; then
  trunk build --release
fi
gz=$(gzip -9 -c dist/*.wasm | wc -c)
echo "wasm: $(wc -c < dist/*.wasm) bytes, gzip -9: $gz bytes"
test "$(wasm-dis dist/*.wasm | grep -c '(import "env"' || true)" = 0 || { echo "wasm has unresolved env imports" >&2; exit 1; }
PLAYWRIGHT_CORE="$TOOLS/playwright-core" node tests/e2e/page.mjs dist test-artifacts
