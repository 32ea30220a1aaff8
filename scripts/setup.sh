#!/usr/bin/env bash
# Set up a virtual environment in .venv with everything narrative needs, offline models included.
# Usage: bash scripts/setup.sh [--test]   (--test also installs test tools and headless Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.narrative-installed
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  # torch first, pinned: the CPU build. Unpinned, pip would pull a multi-GB CUDA build.
  .venv/bin/python -m pip install --quiet "torch==2.13.0"
  .venv/bin/python -m pip install --quiet -e ".[dev]"
  echo "$want" > "$stamp"
fi
# The embedding model exported for ONNX Runtime (about 10 s once; a no-op when up to date):
# runs then start about 4 s faster. Without it they fall back to PyTorch.
.venv/bin/narrative export-onnx 2>/dev/null || echo "setup: ONNX export failed; runs will use PyTorch" >&2
if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 \
      || echo "setup: could not install Chromium; browser tests will be skipped" >&2
  fi
fi
