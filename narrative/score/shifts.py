"""Per-session narrative series and the shifts in them, for one client.

Series (``TrajectoryPoint.series``):

- ``narrative_score``, ``agency``, ``self_regard``: per session, the
  weighted mean of the statements' scores; a statement's weight is its voice
  weight (quoted 1.0, reported 0.8, clinician 0 by default:
  ``score.voice_weights``; the clinician's own narration records behaviour, not
  the client's story) times its type weight (``score.type_weights``:
  self-descriptions and agency 1.0, qualitative indicators 0 because they are
  the clinician's progress ratings, not the client's story); statements of
  weight 0 and chapter titles are left out.
- ``change_talk_balance``: the same mean of ``p_change - p_sustain``.
- ``observed_agency``: the same mean of the agency of the clinician's own
  narration of what the client did ("Attended two full lectures"): voice weights
  of its own (``score.series_voice_weights``: clinician 1, others 0), so
  behaviour as recorded can be set beside the client's own account of it.
- ``chapter_title_score``: the voice-weighted mean narrative_score of the
  session's chapter titles.
- ``chapter_title_drift``: 1 - cosine similarity between the session's chapter
  title(s) (mean embedding) and the client's first chapter title.

Shifts (``Shift.kind``), each with before/after quotes and a one-line
``detail["summary"]``:

- ``baseline_vs_now``: the first ``baseline_sessions`` sessions vs the last
  ``recent_sessions`` (needs at least 2 sessions; the windows shrink to half the
  sessions each when there are fewer than their sum).
- ``rolling``: the last ``rolling_window`` sessions vs the window before it;
  ``detail["rolling_means"]`` holds the trailing rolling mean of session values.
- ``change_point``: the single split of the session series (each side at least
  ``min_segment`` sessions) with the largest ``|mean after - mean before| *
  sqrt(n1 * n2 / (n1 + n2))`` (a two-sample mean-shift statistic, as in binary
  segmentation with one split; n1, n2 = sessions, each side's mean weighted by its
  sessions' total statement weight, i.e. the pooled mean reported below); reported
  when ``|delta| >= min_change``.
- ``no_change``: the last ``no_change_sessions`` session values all lie within
  ``no_change_band`` (max - min): "no meaningful change for N sessions".
- ``title_drift``: first vs last chapter title (scores and embedding drift).

``detail["meaningful"]`` is ``|delta| >= min_change`` for the first three kinds, and
``detail["effect_size"]`` is the shift's standardised size (:func:`effect_size`: delta over the
SD of the session values pooled within the two windows, i.e. Cohen's d for the two groups of
sessions; None when neither window has two sessions). The narrative-shift flag needs both.

The ``before`` and ``after`` of the first three kinds are weighted means of all the
statements in their two windows (the session weights above), so a window session
with one stray remark weighs less than one with ten statements.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .. import errors
from ..types import ScoredStatement, Shift, TrajectoryPoint
from .encoder import Encoder
from .settings import ScoreSettings, score_settings

logger = logging.getLogger(__name__)

MAIN_SERIES = ("narrative_score", "agency", "self_regard", "change_talk_balance", "observed_agency")
TITLE_SERIES = ("chapter_title_score", "chapter_title_drift")
QUOTE_CHARS = 160


def _value(st: ScoredStatement, series: str) -> float:
    if series == "change_talk_balance":
        return float(st.p_change - st.p_sustain)
    if series == "observed_agency":
        return float(st.agency)
    return float(getattr(st, series))


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


@dataclasses.dataclass(frozen=True)
class _Session:
    session: int
    statements: tuple[ScoredStatement, ...]


def _check_one_client(scored: Sequence[ScoredStatement]) -> str:
    clients = sorted({s.client_id for s in scored})
    if len(clients) > 1:
        raise errors.InputError(errors.score_mixed_clients_msg(clients))
    return clients[0] if clients else ""


def _sessions(scored: Sequence[ScoredStatement], settings: ScoreSettings) -> dict[int, list[ScoredStatement]]:
    """Statements grouped by session number.

    Statements without a session number take the rank of their date among the
    client's dates, but only when no statement of the client has a session
    number; otherwise (and without a date) they are skipped.
    """
    by: dict[int, list[ScoredStatement]] = defaultdict(list)
    has_sessions = any(s.session is not None for s in scored)
    dates = sorted({s.date for s in scored if s.session is None and s.date is not None})
    rank = {d: i + 1 for i, d in enumerate(dates)}
    skipped = 0
    for st in scored:
        if st.session is not None:
            by[int(st.session)].append(st)
        elif not has_sessions and st.date is not None:
            by[rank[st.date]].append(st)
        else:
            skipped += 1
    if skipped:
        logger.info("%d statements without a usable session number were skipped", skipped)
    return dict(sorted(by.items()))


@dataclasses.dataclass(frozen=True)
class Weighting:
    """Weight of one statement in a per-session aggregate: voice weight x type weight.

    ``series_voice`` overrides the voice weights for a series (``observed_agency``
    reads the clinician's own account only).
    """

    voice: Mapping[str, float]
    type: Mapping[str, float] = dataclasses.field(default_factory=dict)
    series_types: Mapping[str, Sequence[str]] = dataclasses.field(default_factory=dict)
    series_voice: Mapping[str, Mapping[str, float]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: ScoreSettings) -> Weighting:
        return cls(
            settings.voice_weights.model_dump(),
            settings.type_weights.model_dump(),
            {k: tuple(v) for k, v in settings.series_types.items()},
            {k: v.model_dump() for k, v in settings.series_voice_weights.items()},
        )

    def voices(self, series: str | None = None) -> Mapping[str, float]:
        """The voice weights ``series`` uses."""
        return self.series_voice.get(series, self.voice) if series is not None else self.voice

    def of(self, st: ScoredStatement, series: str | None = None) -> float:
        return float(self.voices(series).get(st.voice, 0.0)) * float(self.type.get(st.type, 1.0))

    def counted(self, statements: Sequence[ScoredStatement], series: str) -> list[ScoredStatement]:
        """The statements that enter ``series``: of a type the series reads, weight > 0, no chapter titles."""
        types = self.series_types.get(series)
        return [
            s
            for s in statements
            if s.type != "chapter_title" and (types is None or s.type in types) and self.of(s, series) > 0
        ]


def _series_sessions(
    sessions: Mapping[int, list[ScoredStatement]], series: str, weights: Weighting, min_statements: int
) -> dict[int, list[ScoredStatement]]:
    """The sessions with at least ``min_statements`` statements counted in ``series``, with those statements."""
    out: dict[int, list[ScoredStatement]] = {}
    for session, items in sessions.items():
        counted = weights.counted(items, series)
        if len(counted) >= min_statements:
            out[session] = counted
    return out


def _weighted(statements: Sequence[ScoredStatement], series: str, weights: Weighting) -> tuple[float, float]:
    w = np.array([weights.of(s, series) for s in statements], dtype=float)
    v = np.array([_value(s, series) for s in statements], dtype=float)
    if w.sum() <= 0:
        return float(v.mean()), 0.0
    return float((w * v).sum() / w.sum()), float(w.sum())


def _best_quote(
    statements: Sequence[ScoredStatement], series: str, weights: Weighting, sign: float
) -> ScoredStatement:
    """The statement that best shows the direction ``sign`` (+1 highest, -1 lowest), preferring heavier voices."""
    return max(statements, key=lambda s: (sign * _value(s, series), weights.of(s, series), -len(s.text)))


def session_series(
    scored: Sequence[ScoredStatement],
    *,
    config: Mapping[str, Any] | None = None,
    encoder: Encoder | None = None,
) -> list[TrajectoryPoint]:
    """Per-session series for ONE client (see module docstring).

    ``encoder`` is needed only for ``chapter_title_drift``; when None and the
    client has chapter titles, one shared :class:`SentenceEncoder` per embedding
    model (built lazily from ``config``) is used.
    """
    settings = score_settings(config)
    client = _check_one_client(scored)
    weights = Weighting.from_settings(settings)
    sessions = _sessions(scored, settings)
    by_series = {
        series: _series_sessions(sessions, series, weights, settings.shifts.min_statements)
        for series in MAIN_SERIES
    }
    points: list[TrajectoryPoint] = []
    for session in sessions:
        for series in MAIN_SERIES:
            main = by_series[series].get(session)
            if main is not None:
                value, _ = _weighted(main, series, weights)
                sign = 1.0 if value >= 0 else -1.0
                best = _best_quote(main, series, weights, sign)
                points.append(
                    TrajectoryPoint(
                        client_id=client,
                        session=session,
                        series=series,
                        value=round(value, 6),
                        n=len(main),
                        detail={
                            "quote": _quote(best.text),
                            "quote_statement_id": best.statement_id,
                            "voice_weights": dict(weights.voices(series)),
                            "type_weights": dict(weights.type),
                            "n_by_voice": _count_voices(main),
                        },
                    )
                )
    points.extend(_title_points(client, sessions, weights, config, encoder))
    return points


def _count_voices(statements: Sequence[ScoredStatement]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for s in statements:
        out[s.voice] += 1
    return dict(out)


_ENCODERS: dict[tuple[str, ...], Encoder] = {}


def _shared_encoder(config: Mapping[str, Any] | None) -> Encoder:
    """One lazily built SentenceEncoder per embedding model (and adapter), shared by calls without an encoder."""
    from ..config import default_config
    from .encoder import SentenceEncoder

    models = (config if config is not None else default_config()).get("models", {})
    key = (
        str(models.get("embedding_model", "")),
        str(models.get("embedding_sha256_prefix", "")),
        str(models.get("embedding_sha256_suffix", "")),
        str(models.get("embedding_adapter") or ""),
        str(models.get("embedding_runtime") or ""),
        str(models.get("embedding_onnx_dir") or ""),
    )
    if key not in _ENCODERS:
        _ENCODERS[key] = SentenceEncoder(config)
    return _ENCODERS[key]


def _title_points(
    client: str,
    sessions: Mapping[int, list[ScoredStatement]],
    weights: Weighting,
    config: Mapping[str, Any] | None,
    encoder: Encoder | None,
) -> list[TrajectoryPoint]:
    titles = {sess: [s for s in items if s.type == "chapter_title"] for sess, items in sessions.items()}
    titles = {k: v for k, v in titles.items() if v}
    if not titles:
        return []
    if encoder is None:
        encoder = _shared_encoder(config)
    first_sess = min(titles)
    all_titles = [s.text for v in titles.values() for s in v]
    emb = np.asarray(encoder.encode(all_titles), dtype=float)
    emb = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)
    first_vec = emb[0]  # the first title of the first session with titles
    points: list[TrajectoryPoint] = []
    i = 0
    for sess, items in titles.items():
        vecs = emb[i : i + len(items)]
        i += len(items)
        mean = vecs.mean(axis=0)
        mean = mean / max(float(np.linalg.norm(mean)), 1e-12)
        drift = 0.0 if sess == first_sess and len(items) == 1 else float(1.0 - mean @ first_vec)
        score, _ = _weighted(items, "narrative_score", weights)
        quote = _quote(" / ".join(s.text for s in items))
        detail = {"quote": quote, "titles": [s.text for s in items], "voice_weights": dict(weights.voice)}
        points.append(
            TrajectoryPoint(client, sess, "chapter_title_score", round(score, 6), len(items), detail=detail)
        )
        points.append(
            TrajectoryPoint(
                client, sess, "chapter_title_drift", round(max(drift, 0.0), 6), len(items), detail=detail
            )
        )
    return points


# ---------------------------------------------------------------- shifts


def best_change_point(
    values: Sequence[float], *, min_segment: int, weights: Sequence[float] | None = None
) -> tuple[int, float, float] | None:
    """Split index k (first index of the second segment), statistic and delta, or None.

    Maximises ``|mean(values[k:]) - mean(values[:k])| * sqrt(n1 * n2 / (n1 + n2))``
    over ``min_segment <= k <= len(values) - min_segment``. With ``weights`` (e.g. the
    number of statements behind each session's value) the two means are weighted, so
    a session resting on one remark cannot move a segment as much as a full session.
    """
    v = np.asarray(values, dtype=float)
    w = np.ones_like(v) if weights is None else np.maximum(np.asarray(weights, dtype=float), 1e-9)
    n = len(v)
    best: tuple[int, float, float] | None = None
    for k in range(min_segment, n - min_segment + 1):
        n1, n2 = k, n - k
        delta = float(np.average(v[k:], weights=w[k:]) - np.average(v[:k], weights=w[:k]))
        stat = abs(delta) * math.sqrt(n1 * n2 / (n1 + n2))
        if best is None or stat > best[1] + 1e-12:
            best = (k, stat, delta)
    return best


SD_FLOOR = 0.05  # effect_size: a spread below this (on the [-1, 1] scale) counts as this


def effect_size(delta: float, before: Sequence[float], after: Sequence[float]) -> float | None:
    """Standardised size of a shift: ``delta`` over the pooled within-window SD of the session values.

    The SD is pooled from the sessions on each side (sample variances, ``n - 1`` degrees of
    freedom each), i.e. the session-to-session variation around each side's own level, and is
    floored at ``SD_FLOOR``. Cohen's d for two independent groups of sessions; None when
    neither side has two sessions (no spread to compare with).
    """
    b = np.asarray(before, dtype=float)
    a = np.asarray(after, dtype=float)
    dof = max(len(b) - 1, 0) + max(len(a) - 1, 0)
    if dof == 0:
        return None
    ss = (float(((b - b.mean()) ** 2).sum()) if len(b) > 1 else 0.0) + (
        float(((a - a.mean()) ** 2).sum()) if len(a) > 1 else 0.0
    )
    return float(delta) / max(math.sqrt(ss / dof), SD_FLOOR)


def _fmt_quote(st: ScoredStatement) -> str:
    sess = f"s{st.session}" if st.session is not None else "s?"
    return f"'{_quote(st.text)}' ({sess})"


def _make_shift(
    *,
    client: str,
    series: str,
    kind: str,
    before_sessions: Sequence[int],
    after_sessions: Sequence[int],
    values: Mapping[int, float],
    sessions: Mapping[int, list[ScoredStatement]],
    weights: Weighting,
    min_change: float,
    label: str,
    extra: Mapping[str, Any] | None = None,
) -> Shift:
    # Before/after are the weighted means of all the statements of their sessions (the same
    # voice x type weights as the session values), not means of session means: a session with
    # one stray remark does not count as much as a session with ten statements.
    pool_b = [st for s in before_sessions for st in sessions[s]]
    pool_a = [st for s in after_sessions for st in sessions[s]]
    before = _weighted(pool_b, series, weights)[0]
    after = _weighted(pool_a, series, weights)[0]
    delta = after - before
    sign = 1.0 if delta >= 0 else -1.0
    qb = _best_quote(pool_b, series, weights, -sign)
    qa = _best_quote(pool_a, series, weights, sign)
    summary = f"{series} {delta:+.2f} {label}: {_fmt_quote(qb)} -> {_fmt_quote(qa)}"
    effect = effect_size(delta, [values[x] for x in before_sessions], [values[x] for x in after_sessions])
    detail: dict[str, Any] = {
        "summary": summary,
        "meaningful": abs(delta) >= min_change,
        "effect_size": None if effect is None else round(effect, 6),
        "min_change": min_change,
        "sessions_before": list(before_sessions),
        "sessions_after": list(after_sessions),
        "quote_before_session": qb.session,
        "quote_after_session": qa.session,
        "quote_before_id": qb.statement_id,
        "quote_after_id": qa.statement_id,
    }
    detail.update(extra or {})
    return Shift(
        client_id=client,
        series=series,
        kind=kind,
        session_from=before_sessions[-1] if kind != "baseline_vs_now" else before_sessions[0],
        session_to=after_sessions[-1] if kind != "change_point" else after_sessions[0],
        before=round(before, 6),
        after=round(after, 6),
        delta=round(delta, 6),
        quote_before=_quote(qb.text),
        quote_after=_quote(qa.text),
        detail=detail,
    )


def compute_shifts(
    scored: Sequence[ScoredStatement],
    *,
    config: Mapping[str, Any] | None = None,
    encoder: Encoder | None = None,
) -> list[Shift]:
    """Shifts of ONE client's narrative series (see module docstring)."""
    settings = score_settings(config)
    sh = settings.shifts
    client = _check_one_client(scored)
    weights = Weighting.from_settings(settings)
    all_sessions = _sessions(scored, settings)
    out: list[Shift] = []
    for series in MAIN_SERIES:
        # the sessions with enough statements of the types this series reads
        sessions = _series_sessions(all_sessions, series, weights, sh.min_statements)
        order = list(sessions)
        if len(order) >= 2:
            values = {k: _weighted(v, series, weights)[0] for k, v in sessions.items()}
            common = {
                "client": client,
                "series": series,
                "values": values,
                "sessions": sessions,
                "weights": weights,
                "min_change": sh.min_change,
            }
            kb = min(sh.baseline_sessions, len(order) // 2)
            kr = min(sh.recent_sessions, len(order) // 2)
            out.append(
                _make_shift(
                    kind="baseline_vs_now",
                    before_sessions=order[:kb],
                    after_sessions=order[-kr:],
                    label="since baseline",
                    **common,
                )
            )
            w = sh.rolling_window
            rolling = [
                [s, round(float(np.mean([values[x] for x in order[max(0, i - w + 1) : i + 1]])), 6)]
                for i, s in enumerate(order)
            ]
            if len(order) >= 2 * w:
                out.append(
                    _make_shift(
                        kind="rolling",
                        before_sessions=order[-2 * w : -w],
                        after_sessions=order[-w:],
                        label=f"over the last {w} sessions vs the {w} before",
                        extra={"rolling_means": rolling, "window": w},
                        **common,
                    )
                )
            # each session weighs its statements' total voice x type weight, so the split's
            # delta is the pooled before/after difference that _make_shift reports and gates on
            cp = best_change_point(
                [values[s] for s in order],
                min_segment=sh.min_segment,
                weights=[_weighted(sessions[s], series, weights)[1] or len(sessions[s]) for s in order],
            )
            if cp is not None and abs(cp[2]) >= sh.min_change:
                k, stat, _ = cp
                out.append(
                    _make_shift(
                        kind="change_point",
                        before_sessions=order[:k],
                        after_sessions=order[k:],
                        label=f"change point at session {order[k]}",
                        extra={"statistic": round(stat, 6), "method": "max two-sample mean shift, one split"},
                        **common,
                    )
                )
            nc = _no_change(
                client, series, order, values, sessions, weights, sh.no_change_sessions, sh.no_change_band
            )
            if nc is not None:
                out.append(nc)
    title = _title_shift(scored, all_sessions, settings, config, encoder)
    if title is not None:
        out.append(title)
    return out


def _no_change(
    client: str,
    series: str,
    order: Sequence[int],
    values: Mapping[int, float],
    sessions: Mapping[int, list[ScoredStatement]],
    weights: Weighting,
    n: int,
    band: float,
) -> Shift | None:
    if len(order) < n:
        return None
    last = order[-n:]
    vals = [values[s] for s in last]
    spread = max(vals) - min(vals)
    if spread >= band:
        return None
    first_st = _best_quote(sessions[last[0]], series, weights, 1.0)
    last_st = _best_quote(sessions[last[-1]], series, weights, 1.0)
    summary = (
        f"no meaningful change in {series} for {n} sessions (s{last[0]}-s{last[-1]}, range {spread:.2f} < {band:.2f}): "
        f"{_fmt_quote(first_st)} -> {_fmt_quote(last_st)}"
    )
    return Shift(
        client_id=client,
        series=series,
        kind="no_change",
        session_from=last[0],
        session_to=last[-1],
        before=round(vals[0], 6),
        after=round(vals[-1], 6),
        delta=round(vals[-1] - vals[0], 6),
        quote_before=_quote(first_st.text),
        quote_after=_quote(last_st.text),
        detail={
            "summary": summary,
            "n_sessions": n,
            "range": round(spread, 6),
            "band": band,
            "sessions": list(last),
        },
    )


def _title_shift(
    scored: Sequence[ScoredStatement],
    sessions: Mapping[int, list[ScoredStatement]],
    settings: ScoreSettings,
    config: Mapping[str, Any] | None,
    encoder: Encoder | None,
) -> Shift | None:
    titles = [s for sess in sessions.values() for s in sess if s.type == "chapter_title"]
    if len(titles) < 2:
        return None
    client = titles[0].client_id
    weights = Weighting.from_settings(settings)
    points = _title_points(client, sessions, weights, config, encoder)
    scores = [p for p in points if p.series == "chapter_title_score"]
    drifts = {p.session: p.value for p in points if p.series == "chapter_title_drift"}
    first, last = titles[0], titles[-1]
    delta = last.narrative_score - first.narrative_score
    drift = drifts.get(scores[-1].session, 0.0)
    summary = (
        f"chapter titles: {_fmt_quote(first)} -> {_fmt_quote(last)}: narrative_score {delta:+.2f}, "
        f"embedding drift {drift:.2f} (1 - cosine to the first title)"
    )
    return Shift(
        client_id=client,
        series="chapter_title_score",
        kind="title_drift",
        session_from=first.session,
        session_to=last.session,
        before=round(first.narrative_score, 6),
        after=round(last.narrative_score, 6),
        delta=round(delta, 6),
        quote_before=_quote(first.text),
        quote_after=_quote(last.text),
        detail={
            "summary": summary,
            "drift": round(drift, 6),
            "titles": [
                {
                    "session": p.session,
                    "score": p.value,
                    "drift": drifts.get(p.session),
                    "titles": p.detail.get("titles"),
                }
                for p in scores
            ],
        },
    )
