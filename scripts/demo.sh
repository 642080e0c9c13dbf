#!/usr/bin/env bash
# `npm run demo`: builds the package, then scripts/demo.ts installs (or reuses) the cached real n8n and starts it with
# these nodes, both API simulators and the templates; it stays up until Ctrl+C. Options (after `--`): --port, --dir.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run --silent build >&2
exec npx tsx scripts/demo.ts "$@"
