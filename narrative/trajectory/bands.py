"""Benchmark bands: percentiles of every series by session number, and each client's position.

A band row has the columns ``series, session, stratum, pooled, n_clients, p10,
p25, p50, p75, p90, source``. Percentiles are computed with linear interpolation
between order statistics (numpy's default, Hyndman & Fan type 7) over one value
per client at that session (the client's own points are part of the caseload).

Strata are the user-named columns of ``ClientData.strata`` (e.g. program,
modality), labelled ``"program=CBT; modality=group"``; ``"all"`` is the whole
caseload. A stratum with fewer than ``min_clients`` clients at a session gets a
row copied from the whole-caseload band with ``pooled = true`` (its clients are
compared with everyone); at a session with fewer than ``min_clients_band``
clients in the whole caseload there is no band.

A reference CSV (same columns; ``stratum`` defaults to "all", ``pooled`` to
false) replaces the caseload's own bands for positioning; the caseload bands are
still returned (source "caseload") next to the reference rows.
"""

from __future__ import annotations

import csv
import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError, reference_csv_msg
from ..types import TrajectoryPoint
from .settings import BenchmarkSettings, FlagRules

PERCENTILES = ("p10", "p25", "p50", "p75", "p90")
COLUMNS = ("series", "session", "stratum", "pooled", "n_clients", *PERCENTILES, "source")
ALL = "all"


def stratum_label(strata: Mapping[str, str], columns: Sequence[str]) -> str:
    """'program=CBT; modality=group' for the named columns ('all' when no columns)."""
    if not columns:
        return ALL
    return "; ".join(f"{c}={strata.get(c) or '(missing)'}" for c in columns)


def _percentiles(values: Sequence[float]) -> dict[str, float]:
    qs = np.percentile(np.asarray(values, dtype=float), [10, 25, 50, 75, 90])
    return dict(zip(PERCENTILES, (float(q) for q in qs), strict=True))


def caseload_bands(
    points: Iterable[TrajectoryPoint],
    strata_of: Mapping[str, str],
    *,
    settings: BenchmarkSettings,
    stratified: bool,
) -> list[dict[str, Any]]:
    """Band rows from the caseload's own points.

    Args:
        points: every client's trajectory points (opted-out clients already removed).
        strata_of: client id -> stratum label (see :func:`stratum_label`).
        settings: min_clients, min_clients_band, exclude_prefixes.
        stratified: also produce one row per stratum (else only "all").
    """
    values: dict[tuple[str, int], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for p in points:
        if any(p.series.startswith(prefix) for prefix in settings.exclude_prefixes):
            continue
        if not math.isfinite(p.value):
            continue
        values[(p.series, p.session)][p.client_id].append(p.value)
    rows: list[dict[str, Any]] = []
    for (series, session), by_client in sorted(values.items()):
        per_client = {c: float(np.mean(v)) for c, v in by_client.items()}
        if len(per_client) < settings.min_clients_band:
            continue
        all_row = {
            "series": series,
            "session": session,
            "stratum": ALL,
            "pooled": False,
            "n_clients": len(per_client),
            **_percentiles(list(per_client.values())),
            "source": "caseload",
        }
        rows.append(all_row)
        if not stratified:
            continue
        by_stratum: dict[str, list[float]] = defaultdict(list)
        for client, value in per_client.items():
            by_stratum[strata_of.get(client, ALL)].append(value)
        for stratum, vals in sorted(by_stratum.items()):
            if stratum == ALL:
                continue
            if len(vals) >= settings.min_clients:
                rows.append({**all_row, "stratum": stratum, "n_clients": len(vals), **_percentiles(vals)})
            else:
                rows.append({**all_row, "stratum": stratum, "pooled": True})
    return rows


def _parse_bool(text: str) -> bool | None:
    t = text.strip().lower()
    if t in ("", "0", "false", "no", "n"):
        return False if t else None
    if t in ("1", "true", "yes", "y"):
        return True
    return None


def read_reference(path: str | Path) -> list[dict[str, Any]]:
    """Read and validate a user-supplied reference band CSV.

    Required columns: series, session, p10, p25, p50, p75, p90; optional:
    stratum ("all" when missing or empty), pooled, n_clients, source. Percentiles
    must be numbers in non-decreasing order; session a whole number >= 0.

    Raises:
        InputError: the file cannot be read, a required column is missing or a
            cell is invalid (the message names file, row, column and value).
    """
    p = Path(path)
    name = p.name
    try:
        fh = p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"{p}: cannot open the benchmark reference file ({type(exc).__name__}).") from None
    rows: list[dict[str, Any]] = []
    with fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in ("series", "session", *PERCENTILES) if c not in header]
        if missing:
            raise InputError(
                reference_csv_msg(
                    str(p), 1, None, ", ".join(header), f"the columns {', '.join(missing)} as well"
                )
            )
        for line, raw in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
            series = row["series"]
            if not series:
                raise InputError(reference_csv_msg(str(p), line, "series", series, "a series name"))
            try:
                session_f = float(row["session"])
                if not session_f.is_integer() or session_f < 0:
                    raise ValueError
            except ValueError:
                raise InputError(
                    reference_csv_msg(str(p), line, "session", row["session"], "a whole session number >= 0")
                ) from None
            pct: dict[str, float] = {}
            for col in PERCENTILES:
                try:
                    pct[col] = float(row[col])
                    if not math.isfinite(pct[col]):
                        raise ValueError
                except ValueError:
                    raise InputError(reference_csv_msg(str(p), line, col, row[col], "a number")) from None
            ordered = [pct[c] for c in PERCENTILES]
            if ordered != sorted(ordered):
                raise InputError(
                    reference_csv_msg(
                        str(p), line, "p10..p90", ordered, "percentiles in non-decreasing order"
                    )
                )
            pooled = _parse_bool(row.get("pooled", ""))
            if pooled is None and row.get("pooled", ""):
                raise InputError(reference_csv_msg(str(p), line, "pooled", row["pooled"], "true or false"))
            n_text = row.get("n_clients", "")
            try:
                n_clients = int(float(n_text)) if n_text else None
            except ValueError:
                raise InputError(
                    reference_csv_msg(str(p), line, "n_clients", n_text, "a whole number")
                ) from None
            rows.append(
                {
                    "series": series,
                    "session": int(session_f),
                    "stratum": row.get("stratum") or ALL,
                    "pooled": bool(pooled),
                    "n_clients": n_clients,
                    **pct,
                    "source": f"reference:{name}" + (f" ({row['source']})" if row.get("source") else ""),
                }
            )
    return rows


def position_points(
    points: Sequence[TrajectoryPoint],
    bands: Sequence[dict[str, Any]],
    strata_of: Mapping[str, str],
    *,
    settings: BenchmarkSettings,
    rules: FlagRules,
) -> list[TrajectoryPoint]:
    """Each point with band_low/mid/high, band_position and stratum filled in.

    The band is the row for the client's stratum at that series and session,
    else the "all" row. ``band_position`` is numeric: below / within / above.
    ``detail.on_track`` is False when the point is on the worse side of the band
    (below band_low for higher-is-better series, above band_high for PHQ-9, GAD-7
    and other lower-is-better series), True otherwise; absent for series without
    a direction. ``detail.band_source`` / ``band_stratum`` / ``band_pooled`` say
    which row was used.
    """
    lookup = {(b["series"], b["session"], b["stratum"]): b for b in bands}
    out: list[TrajectoryPoint] = []
    for p in points:
        stratum = strata_of.get(p.client_id, ALL)
        band = lookup.get((p.series, p.session, stratum)) or lookup.get((p.series, p.session, ALL))
        if band is None:
            out.append(dataclasses.replace(p, stratum=stratum))
            continue
        low, mid, high = band[settings.band_low], band[settings.band_mid], band[settings.band_high]
        position = "below" if p.value < low else "above" if p.value > high else "within"
        detail = {
            **p.detail,
            "band_source": band["source"],
            "band_stratum": band["stratum"],
            "band_pooled": band["pooled"],
        }
        direction = rules.direction(p.series)
        if direction == "higher":
            detail["on_track"] = position != "below"
        elif direction == "lower":
            detail["on_track"] = position != "above"
        # (the constructor, not dataclasses.replace: the same point, built several times faster)
        out.append(
            type(p)(
                client_id=p.client_id,
                session=p.session,
                series=p.series,
                value=p.value,
                n=p.n,
                band_low=low,
                band_mid=mid,
                band_high=high,
                band_position=position,
                stratum=stratum,
                detail=detail,
            )
        )
    return out
