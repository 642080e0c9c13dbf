#!/usr/bin/env bash
# `npm run demo`: builds the package, then scripts/demo.ts installs (or reuses) the cached real n8n and starts it with
# these nodes, both API simulators and the templates; it stays up until Ctrl+C. Options (after `--`): --port, --dir.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run --silent build >&2
# One process (tsx as a loader, not `npx tsx` with its wrappers): a SIGINT or SIGTERM sent to this pid reaches the
# demo's own handler, which stops n8n and the simulators.
exec node --import tsx scripts/demo.ts "$@"
