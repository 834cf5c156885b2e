#!/usr/bin/env bash
# Runs the whole test suite (vitest, the corpora too) under each current Node.js LTS line, 22 and 24, besides the
# machine's own Node that `npm test` uses: each is installed from the npm registry's
# node-linux-<arch> package (the official binaries, published there by the Node.js project's
# tooling) into node_modules/.cache, once. `npm run test:node-versions`; .ci/run runs it.
#
#     GRADECHECK_NODE_VERSIONS="22.23.5 24.22.3" scripts/node-versions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VERSIONS="${GRADECHECK_NODE_VERSIONS:-22.23.5 24.22.3}"
case "$(uname -m)" in
  x86_64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) echo "no Node.js package for $(uname -m)" >&2; exit 1 ;;
esac
CACHE="node_modules/.cache/gradecheck-node"
mkdir -p "$CACHE"
status=0
for version in $VERSIONS; do
  home="$CACHE/$version"
  if [ ! -x "$home/bin/node" ]; then
    echo "installing Node $version (node-linux-$ARCH from the npm registry)"
    rm -rf "$home.part" && mkdir -p "$home.part"
    (cd "$home.part" && npm pack "node-linux-$ARCH@$version" --silent >/dev/null &&
      tar -xzf "node-linux-$ARCH-$version.tgz" --strip-components=1 && rm "node-linux-$ARCH-$version.tgz")
    mv "$home.part" "$home"
  fi
  echo "== the test suite under Node $("$home/bin/node" --version)"
  if ! PATH="$PWD/$home/bin:$PATH" npx vitest run ||
    ! PATH="$PWD/$home/bin:$PATH" npx vitest run --config vitest.corpora.config.ts; then
    echo "== FAILED under Node $version"
    status=1
  fi
done
exit $status
