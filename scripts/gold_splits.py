"""The gold corpus's development splits, for the scripts that train on them (never ``test.jsonl``).

``BLIND_SPLITS``: the development splits written last, each blind to the extraction rules of its
time (corpora/gold/README.md); the training scripts report figures on them as a group.
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "corpora" / "gold"
BLIND_SPLITS = (
    "dev_research",
    "dev_outpt",
    "dev_brief",
    "dev_shift",
    "dev_process",
    "dev_terse2",
    "dev_prose",
    "dev_selfview",
    "dev_agency",
    "dev_identity",
    "dev_export",
    "dev_chapters",
    "dev_caseload",
    "dev_voices",
    "dev_daily",
    "dev_stories",
    "dev_acts",
    "dev_selftalk",
    "dev_intake",
    "dev_views",
    "dev_groups",
    "dev_written",
    "dev_acute",
    "dev_corpus",
    "dev_modes",
    "dev_pops",
    "dev_therapies",
    "dev_settings",
    "dev_courses",
    "dev_speech",
    "dev_plain",
    "dev_contrast",
)


def dev_splits(leave_out: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The development splits' names (``corpora/gold/dev*.jsonl``) but ``leave_out``, sorted."""
    names = sorted(p.stem for p in GOLD.glob("dev*.jsonl"))
    assert "test" not in names
    return [n for n in names if n not in leave_out]


def add_leave_out_argument(parser: argparse.ArgumentParser) -> None:
    """``--leave-out SPLIT ...``: development splits a training script does not read at all."""
    parser.add_argument(
        "--leave-out",
        nargs="*",
        default=[],
        metavar="SPLIT",
        help="development splits not to read at all (a split still being written, or one kept blind "
        "for a later out-of-sample figure)",
    )


def parse_items(nlp, items: list) -> list[tuple]:
    """(doc, statements) of each gold item, read as ``narrative.extract.evaluate.predict_items``
    reads them (the client-written styles with the client as the author); the docs are kept for
    the training scripts' features."""
    import contextlib

    from narrative.extract.evaluate import CLIENT_WRITTEN_STYLES
    from narrative.extract.pipeline import statements_from_doc
    from narrative.extract.voice import author_is_client
    from narrative.types import Note

    out: dict[int, tuple] = {}
    written = [getattr(it, "style", None) in CLIENT_WRITTEN_STYLES for it in items]
    for author in (False, True):
        group = [(k, it) for k, it in enumerate(items) if written[k] == author]
        with author_is_client() if author else contextlib.nullcontext():
            docs = nlp.pipe((it.text for _, it in group), batch_size=32)
            for (k, item), doc in zip(group, docs, strict=True):
                note = Note(note_id=item.id, client_id="gold", text=item.text)
                out[k] = (doc, list(statements_from_doc(doc, note)))
    return [out[k] for k in range(len(items))]


def fmt_counts(c) -> str:
    """``P / R / F1`` of an ``narrative.extract.evaluate.Counts``, three decimals each."""
    return f"{c.precision:.3f} / {c.recall:.3f} / {c.f1:.3f}"


def loso_probabilities(rows: list[dict], splits: list[str], fit, matrix) -> list[tuple[dict, float]]:
    """(row, held-out probability of its positive class) for every row of ``rows`` (dicts with a
    ``"split"``), each split's rows scored by a model fitted on the other splits' rows:
    ``fit(train_rows) -> (vocab, classifier)`` and ``matrix(rows, vocab)``, as the training scripts
    define them."""
    out: list[tuple[dict, float]] = []
    for split in splits:
        train = [r for r in rows if r["split"] != split]
        test = [r for r in rows if r["split"] == split]
        if not test:
            continue
        vocab, clf = fit(train)
        p = clf.predict_proba(matrix(test, vocab))[:, 1]
        out.extend((r, float(pr)) for r, pr in zip(test, p, strict=True))
    return out
