"""Evaluate the extractors against a gold JSONL file (corpora/gold/*.jsonl)."""

from __future__ import annotations

import contextlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.language import Language

from ..errors import InputError, extract_gold_msg
from ..types import STATEMENT_TYPES, Note, Statement
from .pipeline import statements_from_doc
from .voice import author_is_client

POLARITIES = ("agentic", "non_agentic", "mixed", "positive", "negative", "neutral")


class GoldSpan(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = ""
    voice: str = ""
    polarity: str = ""
    attrs: dict[str, Any] = Field(default_factory=dict)


class GoldItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    text: str
    spans: list[GoldSpan] = Field(default_factory=list)


def read_gold(path: Path) -> list[GoldItem]:
    """Validated gold items; a bad line raises InputError naming the file and line."""
    items: list[GoldItem] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the gold file ({type(exc).__name__}).") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = GoldItem.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(extract_gold_msg(path, number, f"not valid JSON ({exc.msg})")) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(
                extract_gold_msg(path, number, f"{'.'.join(map(str, first['loc']))}: {first['msg']}")
            ) from None
        for span in item.spans:
            if span.end > len(item.text) or span.start >= span.end or span.type not in STATEMENT_TYPES:
                raise InputError(
                    extract_gold_msg(
                        path,
                        number,
                        f"span {span.type} {span.start}-{span.end} is out of range or of an unknown type",
                    )
                )
        items.append(item)
    return items


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class EvaluationReport:
    """Precision/recall/F1 per type (exact and overlap match), polarity confusion, voice accuracy."""

    gold_path: str
    n_items: int
    exact: dict[str, Counts] = field(default_factory=dict)
    overlap: dict[str, Counts] = field(default_factory=dict)
    polarity_confusion: dict[str, Counter] = field(default_factory=dict)  # gold -> Counter(predicted)
    voice_confusion: dict[str, Counter] = field(default_factory=dict)
    attr_agreement: dict[str, list[int]] = field(default_factory=dict)  # attr -> [agree, total]
    errors: list[dict[str, Any]] = field(default_factory=list)

    def _acc(self, table: dict[str, Counter]) -> float:
        total = sum(sum(c.values()) for c in table.values())
        right = sum(c.get(k, 0) for k, c in table.items())
        return right / total if total else 0.0

    @property
    def polarity_accuracy(self) -> float:
        return self._acc(self.polarity_confusion)

    @property
    def voice_accuracy(self) -> float:
        return self._acc(self.voice_confusion)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_path": self.gold_path,
            "n_items": self.n_items,
            "exact": {k: v.to_dict() for k, v in self.exact.items()},
            "overlap": {k: v.to_dict() for k, v in self.overlap.items()},
            "polarity_accuracy": round(self.polarity_accuracy, 4),
            "polarity_confusion": {k: dict(v) for k, v in self.polarity_confusion.items()},
            "voice_accuracy": round(self.voice_accuracy, 4),
            "voice_confusion": {k: dict(v) for k, v in self.voice_confusion.items()},
            "attr_agreement": {k: {"agree": a, "total": t} for k, (a, t) in self.attr_agreement.items()},
        }

    def to_text(self) -> str:
        lines = [f"Extraction evaluation on {self.gold_path} ({self.n_items} items)", ""]
        lines.append(f"{'type':<18}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
        for t in STATEMENT_TYPES:
            for name, table in (("exact", self.exact), ("overlap", self.overlap)):
                c = table.get(t, Counts())
                lines.append(
                    f"{t:<18}{name:<9}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
                )
        lines += ["", f"polarity accuracy (overlap-matched spans): {self.polarity_accuracy:.3f}"]
        preds = sorted(
            {p for c in self.polarity_confusion.values() for p in c} | set(self.polarity_confusion)
        )
        lines.append("gold \\ predicted  " + "".join(f"{p[:11]:>12}" for p in preds))
        for g in preds:
            row = self.polarity_confusion.get(g, Counter())
            lines.append(f"{g:<17} " + "".join(f"{row.get(p, 0):>12}" for p in preds))
        lines.append(f"voice accuracy (overlap-matched spans): {self.voice_accuracy:.3f}")
        for k, (a, t) in sorted(self.attr_agreement.items()):
            lines.append(f"attr {k}: {a}/{t} = {a / t if t else 0:.3f}")
        return "\n".join(lines)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_item(item: GoldItem, predicted: list[Statement], report: EvaluationReport) -> None:
    """Add one item's matches to ``report``."""
    by_type_gold: dict[str, list[GoldSpan]] = defaultdict(list)
    by_type_pred: dict[str, list[Statement]] = defaultdict(list)
    for g in item.spans:
        by_type_gold[g.type].append(g)
    for p in predicted:
        by_type_pred[p.type].append(p)
    for t in STATEMENT_TYPES:
        golds, preds = by_type_gold.get(t, []), by_type_pred.get(t, [])
        exact = report.exact.setdefault(t, Counts())
        gold_keys = Counter((g.start, g.end) for g in golds)
        pred_keys = Counter((p.start, p.end) for p in preds)
        hit = sum((gold_keys & pred_keys).values())
        exact.tp += hit
        exact.fp += sum(pred_keys.values()) - hit
        exact.fn += sum(gold_keys.values()) - hit
        # overlap: greedy one-to-one by largest overlap
        ov = report.overlap.setdefault(t, Counts())
        used: set[int] = set()
        for g in golds:
            best, best_len = None, 0
            for j, p in enumerate(preds):
                if j in used or not _overlaps((g.start, g.end), (p.start, p.end)):
                    continue
                length = min(g.end, p.end) - max(g.start, p.start)
                if length > best_len:
                    best, best_len = j, length
            if best is None:
                ov.fn += 1
                report.errors.append({"id": item.id, "kind": "fn", "type": t, "gold": g.text})
                continue
            used.add(best)
            ov.tp += 1
            p = preds[best]
            report.polarity_confusion.setdefault(g.polarity, Counter())[p.polarity] += 1
            report.voice_confusion.setdefault(g.voice, Counter())[p.voice] += 1
            for key in ("temporal", "agency_kind", "domain", "progress", "label_kind", "negated", "hedged"):
                gv = g.attrs.get(key)
                pv = p.attrs.get(key)
                if gv is None and pv in (None, False):
                    continue
                agree, total = report.attr_agreement.setdefault(key, [0, 0])
                report.attr_agreement[key] = [agree + int(gv == pv), total + 1]
            if (g.start, g.end) != (p.start, p.end) or g.polarity != p.polarity or g.voice != p.voice:
                report.errors.append(
                    {
                        "id": item.id,
                        "kind": "mismatch",
                        "type": t,
                        "gold": g.text,
                        "pred": p.text,
                        "gold_pol": g.polarity,
                        "pred_pol": p.polarity,
                        "gold_voice": g.voice,
                        "pred_voice": p.voice,
                    }
                )
        for j, p in enumerate(preds):
            if j not in used:
                ov.fp += 1
                report.errors.append(
                    {"id": item.id, "kind": "fp", "type": t, "pred": p.text, "evidence": list(p.evidence)}
                )


# Item styles of texts the client wrote (a journal, a forum post, a letter to their past self):
# evaluated as ``narrative extract --speaker author`` runs them, unquoted first person being the
# client's own words (GUIDELINES.md, "Texts the client wrote").
CLIENT_WRITTEN_STYLES = frozenset(
    {"journal", "diary", "forum_post", "letter_to_self", "life_story", "client_written", "self_written"}
)


def evaluate(nlp: Language, gold_path: Path, *, batch_size: int = 32) -> EvaluationReport:
    """Run ``nlp`` over the gold items and compare its statements with the gold spans.

    Items whose ``style`` is one of :data:`CLIENT_WRITTEN_STYLES` run with the client as the
    author; all others as clinical notes.
    """
    items = read_gold(Path(gold_path))
    report = EvaluationReport(gold_path=str(gold_path), n_items=len(items))
    for item, found in zip(items, predict_items(nlp, items, batch_size=batch_size), strict=True):
        score_item(item, found, report)
    return report


def predict_items(nlp: Language, items: list[GoldItem], *, batch_size: int = 32) -> list[list[Statement]]:
    """The statements ``nlp`` finds in each gold item, in item order; items whose ``style`` is one
    of :data:`CLIENT_WRITTEN_STYLES` run with the client as the author, all others as notes."""
    found: dict[int, list[Statement]] = {}
    written = [getattr(it, "style", None) in CLIENT_WRITTEN_STYLES for it in items]
    for author in (False, True):
        group = [(k, it) for k, it in enumerate(items) if written[k] == author]
        with author_is_client() if author else contextlib.nullcontext():
            docs = nlp.pipe((it.text for _, it in group), batch_size=batch_size)
            for (k, item), doc in zip(group, docs, strict=True):
                note = Note(note_id=item.id, client_id="gold", text=item.text)
                found[k] = list(statements_from_doc(doc, note))
    return [found[k] for k in range(len(items))]
