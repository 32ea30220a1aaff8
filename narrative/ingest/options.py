"""Options of the ingest stage and the per-input counts it reports."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import errors
from ..config import safe_load_yaml
from ..errors import ConfigError, InputError
from .decode import text_codec

_ENCODING_EXPECTED = "a text encoding such as utf-8, cp1252, latin-1 or utf-16"


@dataclasses.dataclass(frozen=True, kw_only=True)
class IngestOptions:
    """How input files are read.

    Attributes:
        column_map: canonical field -> source column name, overriding the alias table
            (e.g. ``{"client_id": "Pt Number"}``).
        filename_pattern: regex searched in a note file's path inside its folder, with named
            groups ``client_id`` and ``session`` and/or ``date``.
        strata_columns: columns copied into ``Note.strata`` when present.
        encoding: force an input encoding; ``None`` detects it.
        column_map_file: YAML file with more ``canonical: source column`` pairs
            (``column_map`` wins where both name a field).
        dayfirst: read ambiguous dates day-first (03/04/2024 = 3 April).
        gas_min_level: lowest accepted GAS goal level (-2, or -3 by some conventions).
        fallback_encoding: legacy encoding tried for lines that are not UTF-8.
        max_note_chars: longest note accepted.
        max_json_bytes: largest FHIR JSON file accepted (they are loaded whole).
    """

    column_map: Mapping[str, str] = dataclasses.field(default_factory=dict)
    filename_pattern: str | None = None
    strata_columns: tuple[str, ...] = ("program", "modality", "language")
    encoding: str | None = None
    column_map_file: Path | None = None
    dayfirst: bool = False
    gas_min_level: int = -2
    fallback_encoding: str = "cp1252"
    max_note_chars: int = 10_000_000
    max_json_bytes: int = 100 * 1024 * 1024

    def __post_init__(self) -> None:
        for setting, name in (("encoding", self.encoding), ("fallback_encoding", self.fallback_encoding)):
            if name is not None and text_codec(name) is None:
                raise InputError(
                    errors.value_invalid_msg(f"ingest.{setting}", name, _ENCODING_EXPECTED, where="ingest")
                )
        if self.gas_min_level not in (-2, -3):
            raise InputError(
                errors.value_invalid_msg("gas_min_level", self.gas_min_level, "-2 or -3", where="ingest")
            )
        if self.filename_pattern is not None:
            compile_filename_pattern(self.filename_pattern)

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None, **overrides: Any) -> IngestOptions:
        """Build options from the ``ingest`` section of a loaded configuration.

        ``config`` may be the whole configuration or just its ``ingest`` section.
        Keyword ``overrides`` (e.g. from the CLI) win over the file.
        """
        section: Mapping[str, Any] = {}
        if config is not None:
            section = config.get("ingest", config) if "ingest" in config else config
        try:
            model = _IngestSection.model_validate({**dict(section or {}), **overrides})
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"ingest.{loc}: {first['msg']}.") from None
        for setting in ("encoding", "fallback_encoding"):
            name = getattr(model, setting)
            if name is not None and text_codec(name) is None:
                raise ConfigError(
                    errors.value_invalid_msg(
                        f"ingest.{setting}", name, _ENCODING_EXPECTED, where="configuration"
                    )
                )
        return cls(
            column_map=dict(model.column_map),
            filename_pattern=model.filename_pattern,
            strata_columns=tuple(model.strata_columns),
            encoding=model.encoding,
            column_map_file=Path(model.column_map_file) if model.column_map_file else None,
            dayfirst=model.dayfirst,
            gas_min_level=model.gas_min_level,
            fallback_encoding=model.fallback_encoding,
            max_note_chars=model.max_note_chars,
            max_json_bytes=int(model.max_json_mb * 1024 * 1024),
        )

    def resolved_column_map(self) -> dict[str, str]:
        """``column_map_file`` entries overlaid with ``column_map``."""
        merged: dict[str, str] = {}
        if self.column_map_file is not None:
            merged.update(load_column_map_file(self.column_map_file))
        merged.update({str(k): str(v) for k, v in self.column_map.items()})
        return merged


class _IngestSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dayfirst: bool = False
    gas_min_level: int = Field(default=-2, ge=-3, le=-2)
    strata_columns: list[str] = ["program", "modality", "language"]
    encoding: str | None = None
    fallback_encoding: str = "cp1252"
    column_map: dict[str, str] = {}
    column_map_file: str | None = None
    filename_pattern: str | None = None
    max_note_chars: int = Field(default=10_000_000, gt=0)
    max_json_mb: float = Field(default=100, gt=0)


class _ColumnMapFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    columns: dict[str, str]


def load_column_map_file(path: Path) -> dict[str, str]:
    """Read a YAML mapping file: ``canonical: source column`` pairs, optionally under ``columns:``."""
    try:
        data = safe_load_yaml(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(errors.ingest_file_not_found(path)) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(errors.ingest_mapping_file_invalid(path, type(exc).__name__)) from None
    if isinstance(data, dict) and set(data) != {"columns"}:
        data = {"columns": data}
    try:
        return dict(_ColumnMapFile.model_validate(data).columns)
    except ValidationError as exc:
        first = exc.errors()[0]
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        raise InputError(errors.ingest_mapping_file_invalid(path, detail)) from None


def compile_filename_pattern(pattern: str) -> re.Pattern[str]:
    """Compile and check a filename pattern (named group client_id, plus session and/or date)."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise InputError(errors.ingest_bad_pattern(pattern, str(exc))) from None
    groups = set(compiled.groupindex)
    if "client_id" not in groups or not groups & {"session", "date"}:
        raise InputError(errors.ingest_bad_pattern(pattern, f"named groups found: {sorted(groups)}"))
    return compiled


@dataclasses.dataclass
class InputCount:
    """What one input (file or folder) gave.

    ``read`` counts the records read: a row of a wide export that carries a note
    and three scores counts four times. ``read == accepted + rejected`` always.
    ``kinds`` counts accepted rows by kind (note, measure, goal, event,
    consent, and for FHIR patient and rendering, which give no record);
    ``reasons`` counts rejects by reason code (see
    ``validate.REJECT_REASONS``).
    """

    source: str
    read: int = 0
    accepted: int = 0
    rejected: int = 0
    kinds: dict[str, int] = dataclasses.field(default_factory=dict)
    format: str = ""
    reasons: dict[str, int] = dataclasses.field(default_factory=dict)
