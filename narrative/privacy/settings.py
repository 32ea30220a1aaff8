"""The ``privacy`` configuration section, validated with pydantic."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ConfigError, privacy_setting_msg

# Entity types the de-identifier can mask, with the token that replaces each.
# DATE is not replaced by a token: it is shifted or generalised (see ``date_mode``).
REPLACEMENTS: dict[str, str] = {
    "PERSON": "[NAME]",
    "DATE": "[DATE]",
    "AGE": "[AGE>89]",
    "PHONE": "[PHONE]",
    "EMAIL": "[EMAIL]",
    "ADDRESS": "[ADDRESS]",
    "LOCATION": "[LOCATION]",
    "ZIP": "[ZIP]",
    "ID": "[ID]",
    "URL": "[URL]",
    "IP": "[IP]",
    "ORGANIZATION": "[ORGANIZATION]",
    "DENY": "[REDACTED]",
}

DEFAULT_ENTITIES: tuple[str, ...] = (
    "PERSON",
    "DATE",
    "AGE",
    "PHONE",
    "EMAIL",
    "ADDRESS",
    "LOCATION",
    "ZIP",
    "ID",
    "URL",
    "IP",
)


class PrivacySettings(BaseModel):
    """Settings of :mod:`narrative.privacy` (the ``privacy`` section of the config).

    Attributes:
        keep_identifiers: Turn all de-identification off (client ids, clinician
            names, dates and text stay as they are). For data that is already
            de-identified, or for local use by the treating clinician.
        deidentify_text: Mask identifiers in text the tool writes (quotes,
            chapter titles, flag quotes, alliance comments).
        date_mode: ``shift`` moves every date of a client by the same secret
            number of days (intervals survive); ``year`` keeps only the year.
        max_shift_days: Largest shift in days, either direction (1..3650).
        day_first: Read ambiguous numeric dates as day/month (UK) not month/day (US).
        entities: Entity types to mask in text (see ``REPLACEMENTS``).
        score_threshold: Results of recognizers below this confidence are not masked.
        key_file: Secret key file for pseudonyms and date shifts. Empty: the
            ``NARRATIVE_KEY_FILE`` environment variable, else ``~/.config/narrative/key``.
        recognizers_file: Extra recognizers (same YAML format as the bundled
            ``recognizers.yaml``), added to the bundled ones.
        names_file: Extra given names, one per line, added to the bundled list.
        allow_list: Words and phrases that are never masked (e.g. a programme named "Hope").
        deny_list: Words and phrases that are always masked as ``[REDACTED]``
            (e.g. the clinic's name, staff names).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    keep_identifiers: bool = False
    deidentify_text: bool = True
    date_mode: Literal["shift", "year"] = "shift"
    max_shift_days: int = Field(default=180, ge=1, le=3650)
    day_first: bool = False
    entities: tuple[str, ...] = DEFAULT_ENTITIES
    score_threshold: float = Field(default=0.4, ge=0.0, le=1.0)
    key_file: Path | None = None
    recognizers_file: Path | None = None
    names_file: Path | None = None
    allow_list: tuple[str, ...] = ()
    deny_list: tuple[str, ...] = ()

    @field_validator("entities")
    @classmethod
    def _known_entities(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        upper = tuple(dict.fromkeys(v.strip().upper() for v in value))
        unknown = [v for v in upper if v not in REPLACEMENTS or v == "DENY"]
        if unknown:
            allowed = ", ".join(k for k in REPLACEMENTS if k != "DENY")
            raise ValueError(f"unknown entity type(s) {unknown}; expected some of {allowed}")
        return upper

    @field_validator("key_file", "recognizers_file", "names_file", mode="before")
    @classmethod
    def _empty_path_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("allow_list", "deny_list")
    @classmethod
    def _no_blank_terms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip() for v in value if v and v.strip())

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> PrivacySettings:
        """Validate the ``privacy`` section of a full config (or the section itself).

        Raises:
            ConfigError: naming the key, the bad value and what is allowed.
        """
        section: Any = {}
        if config:
            section = config.get("privacy", config) if "privacy" in config else config
        if section is None:
            section = {}
        if not isinstance(section, Mapping):
            raise ConfigError(privacy_setting_msg("privacy", section, "a mapping of settings"))
        try:
            return cls.model_validate(dict(section))
        except ValidationError as exc:
            first = exc.errors()[0]
            key = ".".join(str(p) for p in first.get("loc", ())) or "privacy"
            raise ConfigError(privacy_setting_msg(key, first.get("input"), first.get("msg", ""))) from None
