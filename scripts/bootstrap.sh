#!/usr/bin/env bash
# Installs what Specboard needs to build and test: Node 24 from the npm registry's `node@24`
# package when the node on PATH is older, pnpm, and the workspace dependencies with the lockfile
# frozen. Installs into /usr/local (ahead of /usr/bin on PATH) when writable, else ~/.local.
# Safe to re-run. With arguments, runs them afterwards with that node and pnpm on PATH:
#   bash scripts/bootstrap.sh pnpm test
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

node_major=$(tr -dc '0-9' < "$root/.node-version")
pnpm_version=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$root/package.json")
if [ -w /usr/local/bin ]; then prefix=${SPECBOARD_PREFIX:-/usr/local}; else prefix=${SPECBOARD_PREFIX:-$HOME/.local}; fi
export PATH="$prefix/bin:$PATH"
hash -r

major_of_node() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(major_of_node)" -lt "$node_major" ]; then
  echo "bootstrap: installing node@$node_major into $prefix (found $(node --version 2>/dev/null || echo none))"
  npm install --global --prefix "$prefix" "node@$node_major" --no-audit --no-fund --loglevel=error
  hash -r
fi
echo "bootstrap: node $(node --version) at $(command -v node)"

if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "bootstrap: installing pnpm@$pnpm_version into $prefix"
  npm install --global --prefix "$prefix" "pnpm@$pnpm_version" --no-audit --no-fund --loglevel=error
  hash -r
fi
echo "bootstrap: pnpm $(pnpm --version)"

if [ "$prefix" != /usr/local ]; then
  echo "bootstrap: add $prefix/bin to your PATH to use this node and pnpm in new shells"
fi

cd "$root"
pnpm install --frozen-lockfile

if [ "$#" -gt 0 ]; then
  exec "$@"
fi
