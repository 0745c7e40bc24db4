#!/usr/bin/env bash
# Rebuild ../dist/editor.js (or OUTDIR/editor.js: build.sh [OUTDIR]) from src/editor.js with
# the exact packages of package-lock.json (npm ci checks each tarball against the lock's sha512
# integrity). The bundle is committed, so the app and scripts/setup.sh never need npm; run this
# only after changing src/ or the lock. The same sources give the same bytes (a test checks).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(realpath -m "${1:-$here/../dist}")"
mkdir -p "$out"
cd "$here"
npm ci --no-audit --no-fund --ignore-scripts
./node_modules/.bin/esbuild src/editor.js --bundle --minify --format=iife --target=es2020 \
  --legal-comments=none --outfile="$out/editor.js"
# The licences of the bundled packages (all MIT), kept beside the bundle.
for dir in node_modules/@codemirror/* node_modules/@lezer/* node_modules/sparqljs \
  node_modules/rdf-data-factory node_modules/crelt node_modules/style-mod node_modules/w3c-keyname \
  node_modules/@marijn/*; do
  for f in "$dir"/LICENSE*; do [ -f "$f" ] && printf '== %s ==\n%s\n\n' "${dir#node_modules/}" "$(cat "$f")"; done
done > "$out/THIRD_PARTY_LICENSES.txt"
ls -l "$out"
