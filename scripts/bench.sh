#!/usr/bin/env bash
# Issue 5's benchmark: boots a real n8n (the e2e harness) and the simulators, prints one line per measure with its
# goal. Not a test and not part of `npm test`; takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || npm run build
exec npx tsx test/bench/bench.ts "$@"
