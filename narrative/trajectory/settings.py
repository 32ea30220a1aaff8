"""Settings of the trajectory stage, validated with pydantic on load.

Two sources, both plain YAML:

* the ``trajectory`` section of the run configuration (``default_config.yaml``):
  GAS options, benchmark bands, lead-lag options, and where the flag rules are;
* ``narrative/trajectory/flags.yaml``: instrument thresholds and the flag rules
  (or the file named by ``trajectory.flags_file``), with ``trajectory.flags``
  deep-merged on top.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..config import default_config, merge, safe_load_yaml
from ..errors import ConfigError, trajectory_config_msg

FLAGS_FILE = "flags.yaml"

Direction = Literal["higher", "lower", "none"]
SeverityName = Literal["info", "low", "medium", "high"]
PercentileName = Literal["p10", "p25", "p50", "p75", "p90"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- flags.yaml


class Instrument(_Strict):
    """Thresholds of one instrument (see flags.yaml for the meaning of each key)."""

    label: str
    min: float | None = None
    max: float | None = None
    items: int | None = None
    item_min: float | None = None
    item_max: float | None = None
    direction: Direction = "higher"
    caseness: float | None = None
    cutoff: float | None = None
    reliable_change: float | None = None
    bands: list[tuple[float, float, str]] = Field(default_factory=list)
    sd: float | None = Field(default=None, gt=0)
    reliability: float | None = Field(default=None, ge=0, lt=1)
    m_dys: float | None = None
    sd_dys: float | None = Field(default=None, gt=0)
    m_func: float | None = None
    sd_func: float | None = Field(default=None, gt=0)
    clinical_cutoff: Literal["a", "b", "c"] = "c"

    @model_validator(mode="after")
    def _check_range(self) -> Instrument:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class ShiftRule(_Strict):
    enabled: bool = True
    series: list[str] = Field(default_factory=lambda: ["narrative_score"])
    kinds: list[str] = Field(default_factory=lambda: ["baseline_vs_now", "change_point"])
    min_delta: float = Field(default=0.3, ge=0)
    min_effect_size: float | None = Field(default=0.8, ge=0)
    severity_positive: SeverityName = "info"
    severity_negative: SeverityName = "medium"

    def counts(self, delta: float | None, effect: float | None) -> bool:
        """Is a shift of ``delta`` with standardised size ``effect`` large enough to flag?"""
        if delta is None or abs(delta) < self.min_delta:
            return False
        if self.min_effect_size is None:
            return True
        return effect is not None and abs(effect) >= self.min_effect_size


class StagnationSeries(_Strict):
    min_change: float = Field(gt=0)
    unless_better_than: float | None = None
    # range: every value of the stretch lies within min_change (scales rated the same way each
    # time); no_shift: the stretch's start and end levels (means of its first and last
    # `edge_sessions` sessions) differ by less than min_change and no change point within it
    # counts as a narrative shift (session scores that rest on a few statements scatter too much
    # for a range)
    method: Literal["range", "no_shift"] = "range"
    edge_sessions: int = Field(default=2, ge=1)


class StagnationRule(_Strict):
    enabled: bool = True
    sessions: int = Field(default=6, ge=2)
    severity: SeverityName = "low"
    series: dict[str, StagnationSeries] = Field(default_factory=dict)


class AllianceDipRule(_Strict):
    enabled: bool = True
    series: list[str] = Field(default_factory=lambda: ["alliance", "srs_total", "wai_sr_total"])
    sd_multiplier: float = Field(default=1.0, gt=0)
    min_history: int = Field(default=2, ge=2)
    min_drop: dict[str, float] = Field(default_factory=dict)
    gap_factor: float = Field(default=2.0, gt=1)
    severity: SeverityName = "medium"
    severity_if_followed: SeverityName = "high"


class DiscordanceScale(_Strict):
    reliable_change: float = Field(gt=0)


class DiscordanceRule(_Strict):
    enabled: bool = True
    narrative_series: str = "narrative_score"
    narrative_min_change: float = Field(default=0.3, gt=0)
    narrative_flat: float = Field(default=0.2, ge=0)
    window: int = Field(default=2, ge=1)
    min_sessions: int = Field(default=4, ge=2)
    scales: dict[str, DiscordanceScale] = Field(default_factory=dict)
    severity: SeverityName = "low"


class BalanceRule(_Strict):
    enabled: bool = True
    sessions: int = Field(default=4, ge=1)
    min_indicators: int = Field(default=4, ge=1)
    severity: SeverityName = "low"


class DriftRule(_Strict):
    enabled: bool = True
    missing_note_sessions: int = Field(default=2, ge=1)
    no_indicator_sessions: int = Field(default=4, ge=1)
    indicator_section_pattern: str = "qualitative indicator"
    severity: SeverityName = "low"


class ContextRule(_Strict):
    enabled: bool = True
    within_sessions: int = Field(default=2, ge=0)
    severity: SeverityName = "info"


class SuddenInstrument(_Strict):
    min_abs: float = Field(gt=0)


class SuddenRule(_Strict):
    enabled: bool = True
    instruments: dict[str, SuddenInstrument] = Field(default_factory=dict)
    min_relative: float = Field(default=0.25, ge=0, le=1)
    window: int = Field(default=3, ge=2)
    allow_missing: bool = True
    critical_values: dict[int, float] = Field(default_factory=lambda: {4: 2.776, 3: 3.182, 2: 4.303})
    severity_gain: SeverityName = "info"
    severity_loss: SeverityName = "high"


class DeteriorationRule(_Strict):
    enabled: bool = True
    instruments: list[str] = Field(default_factory=lambda: ["phq9", "gad7", "ors"])
    not_on_track: bool = True
    not_on_track_series: list[str] = Field(default_factory=list)
    not_on_track_sessions: int = Field(default=3, ge=1)
    not_on_track_from_session: int = Field(default=3, ge=1)
    severity: SeverityName = "high"
    severity_not_on_track: SeverityName = "medium"


class DataCheckRule(_Strict):
    enabled: bool = True
    severity: SeverityName = "info"


class Rules(_Strict):
    narrative_shift: ShiftRule = ShiftRule()
    stagnation: StagnationRule = StagnationRule()
    alliance_dip: AllianceDipRule = AllianceDipRule()
    discordance: DiscordanceRule = DiscordanceRule()
    balance: BalanceRule = BalanceRule()
    documentation_drift: DriftRule = DriftRule()
    context_event: ContextRule = ContextRule()
    sudden_change: SuddenRule = SuddenRule()
    deterioration: DeteriorationRule = DeteriorationRule()
    data_check: DataCheckRule = DataCheckRule()


class FlagRules(_Strict):
    """The validated content of flags.yaml."""

    version: Literal[1] = 1
    instruments: dict[str, Instrument]
    series_direction: dict[str, Direction] = Field(default_factory=dict)
    missed_session_pattern: str = ""
    rules: Rules = Rules()

    @field_validator("missed_session_pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression ({exc})") from None
        return value

    def direction(self, series: str) -> Direction:
        """higher / lower / none for a series name (instrument series use the instrument's)."""
        if series in self.series_direction:
            return self.series_direction[series]
        if series in self.instruments:
            return self.instruments[series].direction
        return "higher"

    def label(self, series: str) -> str:
        """How a series is named in flag reasons."""
        if series in self.instruments:
            return self.instruments[series].label
        return SERIES_LABELS.get(series, series.replace("_", " "))


SERIES_LABELS = {
    "gas_t": "GAS T-score",
    "srs_total": "SRS",
    "wai_sr_total": "WAI-SR total",
    "wai_sr_task": "WAI-SR task",
    "wai_sr_bond": "WAI-SR bond",
    "wai_sr_goal": "WAI-SR goal",
    "narrative_score": "narrative score",
}


# ---------------------------------------------------------------- run config section


class GasSettings(_Strict):
    rho: float = Field(default=0.3, ge=0, lt=1)
    baseline_convention: Literal["minus1", "minus2"] = "minus1"
    allow_partial: bool = True
    weights: Literal["auto", "none"] = "auto"
    missing_goal: Literal["skip", "carry_forward"] = "skip"


class BenchmarkSettings(_Strict):
    min_clients: int = Field(default=5, ge=1)
    min_clients_band: int = Field(default=3, ge=1)
    band_low: PercentileName = "p10"
    band_mid: PercentileName = "p50"
    band_high: PercentileName = "p90"
    exclude_prefixes: list[str] = Field(default_factory=lambda: ["gas_goal:"])

    @model_validator(mode="after")
    def _check_order(self) -> BenchmarkSettings:
        order = ["p10", "p25", "p50", "p75", "p90"]
        if not order.index(self.band_low) <= order.index(self.band_mid) <= order.index(self.band_high):
            raise ValueError("band_low <= band_mid <= band_high is required")
        return self


class LeadLagSettings(_Strict):
    narrative_series: str = "narrative_score"
    measures: list[str] = Field(default_factory=lambda: ["gas_t", "phq9", "gad7"])
    lags: list[int] = Field(default_factory=lambda: [-2, -1, 0, 1, 2])
    methods: list[Literal["pearson", "spearman"]] = Field(default_factory=lambda: ["pearson", "spearman"])
    min_pairs: int = Field(default=10, ge=3)


class TrajectorySettings(_Strict):
    """The ``trajectory`` section of the run configuration plus the loaded flag rules."""

    gas: GasSettings = GasSettings()
    benchmarks: BenchmarkSettings = BenchmarkSettings()
    leadlag: LeadLagSettings = LeadLagSettings()
    flags_file: str | None = None
    flags: dict[str, Any] = Field(default_factory=dict)
    rules: FlagRules | None = None

    @field_validator("flags", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value


def _format_validation(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err["loc"])
        parts.append(f"{loc}: {err['msg']} (got {err.get('input')!r:.60})")
    return "; ".join(parts)


def load_flag_rules(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> FlagRules:
    """Load and validate flags.yaml (packaged, or ``path``), with ``overrides`` deep-merged on top."""
    if path is None:
        source = f"narrative/trajectory/{FLAGS_FILE}"
        text = resources.files("narrative.trajectory").joinpath(FLAGS_FILE).read_text(encoding="utf-8")
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                trajectory_config_msg(source, f"cannot read it ({type(exc).__name__})")
            ) from None
    try:
        data = safe_load_yaml(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(trajectory_config_msg(source, f"not valid YAML ({type(exc).__name__})")) from None
    if not isinstance(data, dict):
        raise ConfigError(trajectory_config_msg(source, "expected a mapping at the top level"))
    if overrides:
        data = merge(data, dict(overrides))
    try:
        return FlagRules.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(trajectory_config_msg(source, _format_validation(exc))) from None


def load_settings(config: Mapping[str, Any] | None = None) -> TrajectorySettings:
    """Validate the ``trajectory`` section of a run configuration and load its flag rules.

    ``config`` is the whole run configuration (as from :func:`narrative.config.load_config`);
    keys it leaves out keep the packaged defaults. ``None`` means all defaults.
    """
    section = dict(default_config().get("trajectory") or {})
    if config is not None:
        user = config.get("trajectory") or {}
        if not isinstance(user, Mapping):
            raise ConfigError(
                trajectory_config_msg("configuration", "section 'trajectory' must be a mapping")
            )
        section = merge(section, dict(user))
    section.pop("rules", None)
    try:
        settings = TrajectorySettings.model_validate(section)
    except ValidationError as exc:
        raise ConfigError(
            trajectory_config_msg("configuration section 'trajectory'", _format_validation(exc))
        ) from None
    rules = load_flag_rules(settings.flags_file, settings.flags)
    return settings.model_copy(update={"rules": rules})
