"""The ``score`` configuration section, validated with pydantic.

Every key has a default here and a commented copy in ``default_config.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import errors

SCORER_VERSION = "narrative.statement_scorer.v2"


class BlendWeights(BaseModel):
    """Weights of one score's parts: rule cues, trained model, extractor polarity."""

    model_config = ConfigDict(extra="forbid")

    rule: float = Field(0.5, ge=0)
    model: float = Field(0.5, ge=0)
    polarity: float = Field(0.3, ge=0)

    @model_validator(mode="after")
    def _positive(self) -> BlendWeights:
        if self.model <= 0:
            raise ValueError("model weight must be > 0 (it is the fallback when no cue fires)")
        return self


class NarrativeWeights(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agency: float = Field(0.35, ge=0)
    self_regard: float = Field(0.4, ge=0)
    change_talk: float = Field(0.25, ge=0)

    @model_validator(mode="after")
    def _nonzero(self) -> NarrativeWeights:
        if self.agency + self.self_regard + self.change_talk <= 0:
            raise ValueError("narrative_weights must not all be 0")
        return self


class VoiceWeights(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quoted: float = Field(1.0, ge=0)
    reported: float = Field(0.8, ge=0)
    clinician: float = Field(0.0, ge=0)


class TypeWeights(BaseModel):
    """Per-session aggregates: weight of each statement type (times its voice weight)."""

    model_config = ConfigDict(extra="forbid")

    self_description: float = Field(1.0, ge=0)
    agency: float = Field(1.0, ge=0)
    indicator: float = Field(0.0, ge=0)


class ShiftSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    baseline_sessions: int = Field(2, ge=1)
    recent_sessions: int = Field(2, ge=1)
    rolling_window: int = Field(3, ge=1)
    min_segment: int = Field(2, ge=1)
    min_change: float = Field(0.2, gt=0)
    no_change_sessions: int = Field(4, ge=2)
    no_change_band: float = Field(0.15, gt=0)
    min_statements: int = Field(1, ge=1)


class ScoreSettings(BaseModel):
    """Validated ``score`` section."""

    model_config = ConfigDict(extra="forbid")

    version: str = SCORER_VERSION
    models_dir: str = ""
    embedding_cache_size: int = Field(50_000, ge=0)
    negation_factor: float = Field(0.5, ge=0, le=1)
    hedge_factor: float = Field(0.6, ge=0, le=1)
    agency_temperature: float = Field(3.0, gt=0)
    agency: BlendWeights = BlendWeights()
    self_regard: BlendWeights = BlendWeights(rule=0.6, model=0.4, polarity=0.3)
    narrative_weights: NarrativeWeights = NarrativeWeights()
    voice_weights: VoiceWeights = VoiceWeights()
    type_weights: TypeWeights = TypeWeights()
    series_types: dict[
        Literal["agency", "self_regard", "narrative_score", "change_talk_balance", "observed_agency"],
        list[Literal["self_description", "agency", "indicator"]],
    ] = Field(
        default_factory=lambda: {
            "agency": ["agency"],
            "self_regard": ["self_description"],
            "narrative_score": ["self_description", "agency"],
            "change_talk_balance": ["self_description", "agency"],
            "observed_agency": ["agency"],
        }
    )
    # Voice weights of a series that does not use ``voice_weights``.
    series_voice_weights: dict[
        Literal["agency", "self_regard", "narrative_score", "change_talk_balance", "observed_agency"],
        VoiceWeights,
    ] = Field(
        default_factory=lambda: {"observed_agency": VoiceWeights(quoted=0.0, reported=0.0, clinician=1.0)}
    )
    shifts: ShiftSettings = ShiftSettings()


def score_settings(config: Mapping[str, Any] | None) -> ScoreSettings:
    """Validate the ``score`` section of a full configuration (``None`` = packaged defaults)."""
    if config is None:
        from ..config import default_config

        config = default_config()
    section = config.get("score", {}) or {}
    try:
        return ScoreSettings.model_validate(section)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err.get("loc", ()))
        raise errors.ConfigError(
            errors.score_config_invalid_msg(f"score.{loc}: {err.get('msg', 'invalid')}")
        ) from None


def models_dir(settings: ScoreSettings) -> Path:
    """Folder holding the trained artifacts (``score.models_dir``, else ``models/`` beside the package)."""
    if settings.models_dir:
        return Path(settings.models_dir).expanduser()
    return Path(__file__).resolve().parents[2] / "models"
