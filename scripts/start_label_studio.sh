#!/usr/bin/env bash
# Start the project's local Label Studio (127.0.0.1, free port, data in data/labelstudio).
# Credentials come only from the environment:
#   CONFLICTNEWS_LS_USERNAME (e-mail), CONFLICTNEWS_LS_PASSWORD, CONFLICTNEWS_LS_TOKEN (6+ characters).
# Stop it with: conflictnews ls stop   (extra arguments are passed on, e.g. --data-dir, --port)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
"$BIN/conflictnews" ls config
exec "$BIN/conflictnews" ls start "$@"
