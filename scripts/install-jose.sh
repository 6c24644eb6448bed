#!/usr/bin/env bash
# Installs the npm package jose (the Node.js consumer test's one dependency) once under .cache/jose, the way
# postman.sh installs newman, and prints the line that points the tests at it:
#   eval "$(scripts/install-jose.sh)" && dotnet test --filter "FullyQualifiedName~TokenConsumerTests"
set -euo pipefail
cd "$(dirname "$0")/.."
jose_dir="${JOSE_DIR:-$PWD/.cache/jose}"
jose_version="6.2.19"
if [ ! -f "$jose_dir/node_modules/jose/package.json" ]; then
  echo "install-jose.sh: installing jose $jose_version into $jose_dir" >&2
  mkdir -p "$jose_dir"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$jose_dir" "jose@$jose_version" >/dev/null
fi
echo "export AUTH_TEST_JOSE='$jose_dir'"
