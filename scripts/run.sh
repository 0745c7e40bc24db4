#!/usr/bin/env bash
# Set everything up, ingest the bundled corpus into the embedded store, start the app.
#   ./scripts/run.sh              app on http://localhost:8501
#   PORT=8600 ./scripts/run.sh    another port
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export EDUKG_STORE="${EDUKG_STORE:-$PWD/data/store}"
.venv/bin/edukg ingest data/corpus
.venv/bin/edukg stats
exec .venv/bin/streamlit run app.py --server.headless true --server.port "${PORT:-8501}" \
  --browser.gatherUsageStats false
