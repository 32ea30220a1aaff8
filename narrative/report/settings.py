"""Report settings: the ``report`` config section and the series catalogue (series.yaml)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..config import safe_load_yaml
from ..errors import ConfigError, report_config_invalid_msg

SERIES_FILE = "series.yaml"


class ReportConfig(BaseModel):
    """Validated ``report`` section of the configuration (see default_config.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = "Narrative change report"
    chart_width: int = Field(default=980, ge=300, le=2000)
    max_quotes_per_session: int = Field(default=4, ge=1, le=50)
    reliable_change: dict[str, float] = Field(default_factory=lambda: {"phq9": 6.0, "gad7": 4.0})
    alliance_dip_drop: float = Field(default=2.0, gt=0)
    srs_cutoff: float = Field(default=36.0, ge=0)
    sparkline_series: tuple[str, ...] = ("narrative_score", "phq9", "alliance")
    client_summary_voices: tuple[str, ...] = ("quoted",)
    top_themes: int = Field(default=8, ge=1, le=100)

    @field_validator("reliable_change")
    @classmethod
    def _positive_thresholds(cls, value: dict[str, float]) -> dict[str, float]:
        bad = {k: v for k, v in value.items() if not v > 0}
        if bad:
            raise ValueError(f"thresholds must be > 0, got {bad}")
        return value


def report_config(config: Mapping[str, Any] | None) -> ReportConfig:
    """Validate the ``report`` section of a full config mapping (or of None: defaults)."""
    section = dict((config or {}).get("report") or {})
    try:
        return ReportConfig(**section)
    except ValidationError as exc:
        raise ConfigError(report_config_invalid_msg(_first_error(exc))) from None


class SeriesInfo(BaseModel):
    """How one trajectory series is labelled and drawn."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    plain: str = ""
    unit: str = ""
    axis: str = ""
    domain: tuple[float, float] | None = None
    better: Literal["higher", "lower"] = "higher"
    group: Literal["narrative", "goals", "alliance", "symptoms", "other"] = "other"
    severity: tuple[tuple[float, float, str], ...] = ()


class SeriesCatalog(BaseModel):
    """All known series; unknown series get a generic entry from :meth:`get`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    series: dict[str, SeriesInfo]

    def get(self, name: str) -> SeriesInfo:
        """Info for ``name``; ``gas_goal:<id>`` uses the ``gas_goal`` entry."""
        if name in self.series:
            return self.series[name]
        if name.startswith("gas_goal:"):
            return self.series["gas_goal"]
        return SeriesInfo(label=name.replace("_", " ").capitalize())


@functools.cache
def series_catalog() -> SeriesCatalog:
    """The packaged series catalogue, validated once."""
    text = resources.files(__package__).joinpath(SERIES_FILE).read_text(encoding="utf-8")
    try:
        return SeriesCatalog(**(safe_load_yaml(text) or {}))
    except ValidationError as exc:
        raise ConfigError(report_config_invalid_msg(_first_error(exc), source=SERIES_FILE)) from None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ()))
    return f"{loc}: {err.get('msg', 'invalid value')}"
