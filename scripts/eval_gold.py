"""Extraction figures over several gold development splits, one by one and pooled.

Usage:
    python scripts/eval_gold.py                       # every open dev split (not test, not --leave-out)
    python scripts/eval_gold.py dev_speech dev_plain  # named splits
    python scripts/eval_gold.py --errors misses.jsonl # also write each miss / false span / mismatch

Prints overlap-match precision / recall per statement type for each split and for all of them
pooled, plus polarity accuracy; the figures are those of ``narrative evaluate`` (the same
matching code), summed over splits. Never reads ``corpora/gold/test.jsonl``: the test split is
scored once, by ``narrative evaluate --gold corpora/gold/test.jsonl``, at the end of a stop.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from gold_splits import GOLD, add_leave_out_argument, dev_splits  # noqa: E402

from narrative.config import load_config  # noqa: E402
from narrative.extract import load_pipeline  # noqa: E402
from narrative.extract.evaluate import (  # noqa: E402
    EvaluationReport,
    predict_items,
    read_gold,
    score_item,
)
from narrative.types import STATEMENT_TYPES  # noqa: E402

SHORT = {"self_description": "self", "agency": "agency", "chapter_title": "titles", "indicator": "ind"}


def _line(name: str, report: EvaluationReport) -> str:
    cells = []
    for t in STATEMENT_TYPES:
        c = report.overlap.get(t)
        if c is None or c.tp + c.fp + c.fn == 0:
            cells.append(f"{SHORT[t]} -")
            continue
        cells.append(f"{SHORT[t]} {c.precision:.3f}/{c.recall:.3f} (fp {c.fp} fn {c.fn})")
    return f"{name:<16} n={report.n_items:<4} " + "  ".join(cells) + f"  pol {report.polarity_accuracy:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("splits", nargs="*", help="split names (default: every dev split)")
    parser.add_argument("--errors", type=Path, help="write the misses, false spans and mismatches as JSONL")
    parser.add_argument("--config", type=Path, default=None, help="narrative config file")
    add_leave_out_argument(parser)
    args = parser.parse_args(argv)
    names = args.splits or dev_splits(args.leave_out)
    if "test" in names:
        parser.error("the test split is scored once with `narrative evaluate`, not here")
    nlp = load_pipeline(load_config(args.config))
    pooled = EvaluationReport(gold_path="pooled", n_items=0)
    errors_out = args.errors.open("w", encoding="utf-8") if args.errors else None
    for name in names:
        items = read_gold(GOLD / f"{name}.jsonl")
        report = EvaluationReport(gold_path=name, n_items=len(items))
        for item, found in zip(items, predict_items(nlp, items), strict=True):
            score_item(item, found, report)
            score_item(item, found, pooled)
        pooled.n_items += len(items)
        print(_line(name, report), flush=True)
        if errors_out:
            for err in report.errors:
                errors_out.write(json.dumps({"split": name, **err}, ensure_ascii=False) + "\n")
    if errors_out:
        errors_out.close()
    print(_line(f"POOLED({len(names)})", pooled))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
