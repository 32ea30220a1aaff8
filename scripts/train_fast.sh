#!/usr/bin/env bash
# Train the scoring heads for the fast mode (--fast): the same scripts, same data
# and seeds as the default models, over the static embeddings of
# models/static_minilm instead of all-MiniLM-L6-v2. Writes models/fast/{agency,
# talk_type,self_regard} with their model cards, then prints the dev figures.
#
#   scripts/train_fast.sh            # from the repo root, needs ../shared/data
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export NARRATIVE_PRESET=fast
mkdir -p models/fast
for script in train_agency train_talk_type train_self_regard; do
  echo "== $script (fast)" >&2
  "$PY" "scripts/$script.py"
  name=${script#train_}
  "$PY" - "models/fast/$name/MODEL_CARD.md" <<'PYEOF'
import sys
from pathlib import Path
card = Path(sys.argv[1])
note = ("> **Fast-mode copy** (`--fast`, scripts/train_fast.sh). Trained by the same script, data\n"
        "> and seed as the default model, but over the 256-d static embeddings of\n"
        "> `models/static_minilm` (Model2Vec, distilled from all-MiniLM-L6-v2) instead of the\n"
        "> 384-d all-MiniLM-L6-v2 vectors: read \"static_minilm\" wherever the text below names\n"
        "> the embedding model. All figures below are this copy's own.\n\n")
card.write_text(note + card.read_text(encoding="utf-8"), encoding="utf-8")
PYEOF
done
"$PY" scripts/eval_scores.py
