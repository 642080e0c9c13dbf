#!/usr/bin/env bash
# `npm test`: build, lint and type-check the package, install (or reuse) the real n8n, then run every jest test -
# unit and end-to-end - in band (the e2e files share one n8n, which a test may restart). Fails fast; when jest runs,
# its summary line "tests: N passed, N failed" is the last line printed.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build
npm run lint
npm run typecheck
N8N_E2E_HOME="$(bash scripts/install-n8n.sh | tail -n 1)"
export N8N_E2E_HOME
npx jest --runInBand
