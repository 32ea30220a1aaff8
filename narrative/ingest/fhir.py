"""HL7 FHIR R4 Bundles (JSON) and single FHIR resources (e.g. NDJSON bulk exports).

Plain JSON checked with small pydantic models of only the parts that are used
(fhir.resources validates R5/R4B, not R4). What becomes what:

- ``DocumentReference`` -> Note (``content[].attachment.data`` base64 text, or
  ``text.div``); ``Composition`` -> one Note per section (``section[].text.div``
  XHTML turned into plain text);
- ``Observation`` -> Measure (PHQ-9 LOINC 44261-6, GAD-7 70274-6, or a
  ``code.text`` naming a known scale; survey-category observations of other
  scales keep their own name); ``QuestionnaireResponse`` -> one Measure per
  answered item;
- ``Patient`` -> client ids for ``urn:uuid`` references; ``Consent`` -> Consent.

Session numbers come from an extension or component whose url / code names
"session", else from "Session 3" in a description or title. Every Bundle entry
(and JSON Lines line) counts: a Patient is used for its id, context resources
(Practitioner, Organization, Encounter, ...: ``CONTEXT_TYPES``) are read and give
no record, a Composition
that only renders DocumentReferences of the same input is recognised as
such (both count as accepted, giving no record), and an entry
without a resource, of another resource type, or with an unknown instrument
is rejected with its reason. A nested Bundle is opened; its entries count, not
the Bundle itself.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .columns import AliasTable, normalize_name, wide_score_column
from .decode import decode_whole, has_undecodable, text_codec
from .options import IngestOptions
from .tables import MAX_JSON_DEPTH, json_depth
from .validate import Problem, RawRow, Used, make_problem, slug

logger = logging.getLogger(__name__)

MAX_BUNDLE_NESTING = 3
MAX_ITEM_NODES = 10_000
_SESSION_TEXT = re.compile(r"\bsession\s*(?:no\.?|number|#)?\s*(\d{1,6})\b", re.IGNORECASE)
_ITEM_ID = re.compile(r"^(?:[a-z0-9_-]*?[._-])?(?:item|q|question)?[._-]?(\d{1,3})$", re.IGNORECASE)
_TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown", "text/html", "application/xhtml+xml")
_PARENS = re.compile(r"\([^)]*\)")
_BAD_STATUS = {"entered-in-error", "superseded", "cancelled"}


# ---------------------------------------------------------------- small R4 models


class _M(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Coding(_M):
    system: str | None = None
    code: str | None = None
    display: str | None = None


class CodeableConcept(_M):
    coding: list[Coding] = []
    text: str | None = None


class Identifier(_M):
    system: str | None = None
    value: str | None = None


class Reference(_M):
    reference: str | None = None
    identifier: Identifier | None = None
    display: str | None = None


class Extension(_M):
    url: str = ""
    valueInteger: int | None = None
    valuePositiveInt: int | None = None
    valueUnsignedInt: int | None = None
    valueDecimal: float | None = None
    valueString: str | None = None
    valueCode: str | None = None
    valueDate: str | None = None
    valueDateTime: str | None = None
    valueCodeableConcept: CodeableConcept | None = None

    def value(self) -> Any:
        for v in (self.valueInteger, self.valuePositiveInt, self.valueUnsignedInt, self.valueDecimal):
            if v is not None:
                return v
        if self.valueCodeableConcept is not None:
            return _concept_text(self.valueCodeableConcept)
        return self.valueString or self.valueCode or self.valueDate or self.valueDateTime


class Narrative(_M):
    div: str | None = None


class Period(_M):
    start: str | None = None
    end: str | None = None


class Attachment(_M):
    contentType: str | None = None
    data: str | None = None
    url: str | None = None
    title: str | None = None


class Content(_M):
    attachment: Attachment


class DocContext(_M):
    period: Period | None = None
    extension: list[Extension] = []


class DocumentReference(_M):
    id: str | None = None
    status: str | None = None
    type: CodeableConcept | None = None
    category: list[CodeableConcept] = []
    subject: Reference | None = None
    date: str | None = None
    author: list[Reference] = []
    description: str | None = None
    content: list[Content] = []
    context: DocContext | None = None
    extension: list[Extension] = []
    text: Narrative | None = None


class Section(_M):
    title: str | None = None
    code: CodeableConcept | None = None
    text: Narrative | None = None
    section: list[dict[str, Any]] = []


class RelatesTo(_M):
    code: str | None = None
    targetReference: Reference | None = None


class Composition(_M):
    id: str | None = None
    relatesTo: list[RelatesTo] = []
    status: str | None = None
    type: CodeableConcept | None = None
    subject: Reference | None = None
    date: str | None = None
    author: list[Reference] = []
    title: str | None = None
    section: list[Section] = []
    extension: list[Extension] = []
    text: Narrative | None = None


class Quantity(_M):
    value: float | None = None
    unit: str | None = None


class Annotation(_M):
    text: str | None = None


class Component(_M):
    code: CodeableConcept
    valueInteger: int | None = None
    valueQuantity: Quantity | None = None
    valueString: str | None = None
    valueCodeableConcept: CodeableConcept | None = None

    def value(self) -> Any:
        if self.valueInteger is not None:
            return self.valueInteger
        if self.valueQuantity is not None:
            return self.valueQuantity.value
        if self.valueCodeableConcept is not None:
            return _concept_text(self.valueCodeableConcept)
        return self.valueString


class Observation(_M):
    id: str | None = None
    status: str | None = None
    category: list[CodeableConcept] = []
    code: CodeableConcept
    subject: Reference | None = None
    effectiveDateTime: str | None = None
    effectivePeriod: Period | None = None
    issued: str | None = None
    valueInteger: int | None = None
    valueQuantity: Quantity | None = None
    valueString: str | None = None
    component: list[Component] = []
    extension: list[Extension] = []
    note: list[Annotation] = []


class QuestionnaireResponse(_M):
    id: str | None = None
    status: str | None = None
    questionnaire: str | None = None
    subject: Reference | None = None
    authored: str | None = None
    item: list[dict[str, Any]] = []
    extension: list[Extension] = []


class Provision(_M):
    type: str | None = None


class Consent(_M):
    id: str | None = None
    status: str | None = None
    patient: Reference | None = None
    dateTime: str | None = None
    provision: Provision | None = None


class Patient(_M):
    id: str | None = None


class Goal(_M):
    id: str | None = None
    lifecycleStatus: str | None = None
    identifier: list[Identifier] = []
    description: CodeableConcept | None = None
    subject: Reference | None = None
    extension: list[Extension] = []


class QRAnswer(_M):
    valueInteger: int | None = None
    valueDecimal: float | None = None
    valueString: str | None = None
    valueCoding: Coding | None = None
    valueBoolean: bool | None = None


class QRItem(_M):
    linkId: str = ""
    text: str | None = None
    answer: list[QRAnswer] = []
    item: list[dict[str, Any]] = []


# ---------------------------------------------------------------- helpers


def _concept_text(concept: CodeableConcept | None) -> str:
    if concept is None:
        return ""
    if concept.text:
        return concept.text
    for coding in concept.coding:
        if coding.display:
            return coding.display
    return next((c.code for c in concept.coding if c.code), "")


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def xhtml_to_text(div: str) -> str:
    """Plain text of an XHTML fragment (FHIR narrative), paragraphs kept as line breaks."""
    parser = _TextExtractor()
    parser.feed(div)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _last_segment(url: str) -> str:
    return re.split(r"[/#:]", url.rstrip("/"))[-1] if url else ""


def _named(extensions: list[Extension], name: str) -> Any:
    """Value of the first extension whose url ends in a segment containing ``name``."""
    for ext in extensions:
        if name in normalize_name(_last_segment(ext.url)):
            value = ext.value()
            if value is not None:
                return value
    return None


def _session_from_text(*texts: str | None) -> int | None:
    for text in texts:
        if text and (m := _SESSION_TEXT.search(text)):
            return int(m.group(1))
    return None


_MODELS: dict[str, type[_M]] = {
    "DocumentReference": DocumentReference,
    "Composition": Composition,
    "Observation": Observation,
    "QuestionnaireResponse": QuestionnaireResponse,
    "Consent": Consent,
    "Goal": Goal,
}
# Resources an EHR export holds beside the notes that describe the setting, not the client's
# story or scores: counted as read and accepted, giving no record.
CONTEXT_TYPES = frozenset(
    {
        "Practitioner",
        "PractitionerRole",
        "Organization",
        "Location",
        "Encounter",
        "EpisodeOfCare",
        "RelatedPerson",
        "Provenance",
    }
)
SUPPORTED = ", ".join(["Patient", *_MODELS, *sorted(CONTEXT_TYPES)])


def _json_kind(value: Any) -> str:
    """'<a JSON list>' and the like: what a value is, without its content."""
    name = {dict: "object", list: "list", str: "string", bool: "boolean", int: "number", float: "number"}
    return "<no value>" if value is None else f"<a JSON {name.get(type(value), type(value).__name__)}>"


class FhirReader:
    """Turns FHIR resources into RawRows / Problems; keeps the Patient reference map.

    Attributes:
        refs: ``urn:uuid:...`` / ``Patient/x`` references -> client id.
    """

    def __init__(self, options: IngestOptions, table: AliasTable) -> None:
        self.options = options
        self.table = table
        self.refs: dict[str, str] = {}
        self.documents: set[str] = set()

    # -- files

    def read_file(self, path: Path, *, source: str) -> Iterator[RawRow | Problem]:
        """A whole FHIR JSON file (Bundle, single resource, or a JSON array of flat records)."""
        data = path.read_bytes()
        text, _ = decode_whole(data, forced=self.options.encoding, fallback=self.options.fallback_encoding)
        if has_undecodable(text):
            yield make_problem(source, 0, "bad_json", detail="bytes that are not UTF-8")
            return
        del data
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            yield make_problem(
                source, 0, "bad_json", detail=f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
            )
            return
        except RecursionError:
            yield make_problem(source, 0, "too_deep", limit=MAX_JSON_DEPTH)
            return
        del text
        if json_depth(doc) > MAX_JSON_DEPTH:
            yield make_problem(source, 0, "too_deep", limit=MAX_JSON_DEPTH)
            return
        if not isinstance(doc, dict) or "resourceType" not in doc:
            yield make_problem(
                source,
                0,
                "unknown_record",
                value=type(doc).__name__ if not isinstance(doc, dict) else list(doc),
            )
            return
        entries = list(self._entries(doc, source=source))
        for _, resource in entries:
            if isinstance(resource, Problem):
                continue
            self._remember_patient(resource)
            if resource.get("resourceType") == "DocumentReference" and isinstance(resource.get("id"), str):
                self.documents.add(f"DocumentReference/{resource['id']}")
                if isinstance(resource.get("_fullUrl"), str):
                    self.documents.add(resource["_fullUrl"])
        for row, resource in entries:
            if isinstance(resource, Problem):
                yield resource
            else:
                yield from self.resource_rows(resource, source=source, row=row)

    def _entries(
        self, doc: Mapping[str, Any], *, source: str
    ) -> Iterator[tuple[int, dict[str, Any] | Problem]]:
        """(entry number, resource or Problem) pairs; nested Bundles are opened (up to 3 levels).

        An entry without a resource object, or a Bundle nested too deeply, gives a Problem.
        """
        if doc.get("resourceType") != "Bundle":
            yield 1, dict(doc)
            return
        row = 0
        stack: list[tuple[Any, int, str]] = [(doc.get("entry") or [], 1, "")]
        while stack:
            entries, depth, _ = stack.pop()
            if not isinstance(entries, list):
                continue
            for entry in entries:
                row += 1
                resource = entry.get("resource") if isinstance(entry, dict) else None
                if not isinstance(resource, dict):
                    shown = _json_kind(entry) if not isinstance(entry, dict) else _json_kind(resource)
                    yield (
                        row,
                        make_problem(source, row, "fhir_no_resource", column="entry.resource", shown=shown),
                    )
                    continue
                full_url = entry.get("fullUrl") if isinstance(entry.get("fullUrl"), str) else ""
                if resource.get("resourceType") == "Bundle":
                    if depth < MAX_BUNDLE_NESTING:
                        stack.append((resource.get("entry") or [], depth + 1, full_url))
                    else:
                        yield (
                            row,
                            make_problem(
                                source,
                                row,
                                "fhir_nested_too_deep",
                                column="entry.resource",
                                limit=MAX_BUNDLE_NESTING,
                            ),
                        )
                    continue
                if full_url:
                    resource = {**resource, "_fullUrl": full_url}
                yield row, resource

    def _remember_patient(self, resource: Mapping[str, Any]) -> None:
        if resource.get("resourceType") != "Patient":
            return
        pid = resource.get("id")
        if not isinstance(pid, str) or not pid:
            return
        self.refs[f"Patient/{pid}"] = pid
        full_url = resource.get("_fullUrl")
        if isinstance(full_url, str) and full_url:
            self.refs[full_url] = pid

    # -- resources

    def resource_rows(
        self, resource: Mapping[str, Any], *, source: str, row: int
    ) -> Iterator[RawRow | Problem | Used]:
        """RawRows / Problems for one resource; a Patient gives Used (its id is remembered).

        Always yields at least one item, so the resource is counted.
        """
        rtype = resource.get("resourceType")
        if rtype == "Patient":
            self._remember_patient(resource)
            yield Used("patient")
            return
        if isinstance(rtype, str) and rtype in CONTEXT_TYPES:
            yield Used("context")  # who/where/when of the care, read but holding no record we use
            return
        handler = (
            {
                "DocumentReference": self._document_reference,
                "Composition": self._composition,
                "Observation": self._observation,
                "QuestionnaireResponse": self._questionnaire_response,
                "Consent": self._consent,
                "Goal": self._goal,
            }.get(rtype)
            if isinstance(rtype, str)
            else None
        )
        if handler is None:
            yield make_problem(
                source,
                row,
                "fhir_unsupported",
                column="resourceType",
                value=rtype if isinstance(rtype, str) else None,
                shown=None if isinstance(rtype, str) else _json_kind(rtype),
                expected=SUPPORTED,
            )
            return
        model = _MODELS[rtype]
        label = f"{rtype}/{resource.get('id')}" if isinstance(resource.get("id"), str) else rtype
        kind = {"DocumentReference": "note", "Composition": "note", "Consent": "consent", "Goal": "goal"}
        kind_of = kind.get(rtype, "measure")
        try:
            parsed = model.model_validate(resource)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            yield make_problem(
                source,
                row,
                "fhir_invalid",
                column=f"{label}.{loc}",
                value=loc,
                kind=kind_of,
                resource=rtype,
                detail=first["msg"][:80],
            )
            return
        status = getattr(parsed, "status", None)
        if status in _BAD_STATUS:
            yield make_problem(
                source,
                row,
                "fhir_entered_in_error",
                column=f"{label}.status",
                value=status,
                kind=kind_of,
                resource=rtype,
            )
            return
        yield from handler(parsed, source=source, row=row, label=label)

    def _client(self, ref: Reference | None) -> str | None:
        if ref is None:
            return None
        if ref.reference:
            if ref.reference in self.refs:
                return self.refs[ref.reference]
            parts = ref.reference.rstrip("/").split("/")
            if len(parts) >= 2 and parts[-2] == "Patient":
                return parts[-1]
            if len(parts) >= 4 and parts[-2] == "_history" and parts[-4] == "Patient":
                return parts[-3]
            return None
        if ref.identifier is not None and ref.identifier.value:
            return ref.identifier.value
        return None

    def _strata(self, extensions: list[Extension]) -> dict[str, str]:
        out = {}
        for name in self.options.strata_columns:
            value = _named(extensions, normalize_name(name))
            if value is not None:
                out[name] = str(value).strip()
        return out

    def _document_reference(
        self, doc: DocumentReference, *, source: str, row: int, label: str
    ) -> Iterator[RawRow | Problem]:
        client = self._client(doc.subject)
        if client is None:
            yield make_problem(
                source, row, "fhir_no_subject", column=f"{label}.subject", kind="note", resource=label
            )
            return
        extensions = [*doc.extension, *(doc.context.extension if doc.context else [])]
        text: str | None = None
        for i, content in enumerate(doc.content):
            att = content.attachment
            column = f"{label}.content[{i}].attachment"
            ctype = (att.contentType or "text/plain").split(";")[0].strip().lower()
            if att.data is None:
                if att.url:
                    yield make_problem(
                        source,
                        row,
                        "fhir_url_only",
                        column=f"{column}.url",
                        value=att.url,
                        kind="note",
                        resource=label,
                    )
                    return
                continue
            if ctype not in _TEXT_TYPES:
                yield make_problem(
                    source,
                    row,
                    "fhir_content_type",
                    column=f"{column}.contentType",
                    value=ctype,
                    kind="note",
                    resource=label,
                )
                return
            try:
                raw = base64.b64decode("".join(att.data.split()), validate=True)
            except (binascii.Error, ValueError) as exc:
                yield make_problem(
                    source,
                    row,
                    "fhir_bad_base64",
                    column=f"{column}.data",
                    kind="note",
                    resource=label,
                    detail=str(exc)[:60],
                )
                return
            charset = _charset(att.contentType)
            if charset is not None and text_codec(charset) is None:
                yield make_problem(
                    source,
                    row,
                    "fhir_bad_charset",
                    column=f"{column}.contentType",
                    value=charset,
                    kind="note",
                    resource=label,
                )
                return
            charset = text_codec(charset) if charset else None
            decoded, decoder = decode_whole(
                raw, forced=charset or self.options.encoding, fallback=self.options.fallback_encoding
            )
            if has_undecodable(decoded, stream=bool(decoder.stream_encoding)):
                yield make_problem(
                    source,
                    row,
                    "undecodable",
                    column=f"{column}.data",
                    value=decoded,
                    is_text=True,
                    kind="note",
                    encodings=decoder.describe(),
                    byte="?",
                )
                return
            text = xhtml_to_text(decoded) if ctype in ("text/html", "application/xhtml+xml") else decoded
            break
        if text is None and doc.text is not None and doc.text.div:
            text = xhtml_to_text(doc.text.div)
        if text is None:
            yield make_problem(
                source, row, "fhir_no_text", column=f"{label}.content", kind="note", resource=label
            )
            return
        period = doc.context.period if doc.context else None
        date = (period.start if period else None) or doc.date
        session = _named(extensions, "session")
        if session is None:
            session = _session_from_text(doc.description)
        section = _named(extensions, "section") or _concept_text(doc.type) or None
        yield RawRow(
            source,
            row,
            "note",
            {
                "client_id": client,
                "note_id": doc.id,
                "session": session,
                "date": date,
                "note": text,
                "section": section,
                "clinician": next((a.display for a in doc.author if a.display), None),
            },
            {
                "client_id": f"{label}.subject",
                "note_id": f"{label}.id",
                "session": f"{label}.extension(session)",
                "date": f"{label}.context.period.start",
                "note": f"{label}.content.attachment.data",
                "section": f"{label}.type",
                "clinician": f"{label}.author",
            },
            self._strata(extensions),
        )

    def _composition(
        self, comp: Composition, *, source: str, row: int, label: str
    ) -> Iterator[RawRow | Problem]:
        mirrored = [
            r.targetReference.reference
            for r in comp.relatesTo
            if r.code in ("transforms", "replaces") and r.targetReference and r.targetReference.reference
        ]
        if mirrored and all(_resolve_local(ref, self.documents) for ref in mirrored):
            # A rendering of DocumentReferences that are in the same input: not new notes.
            yield Used("rendering")
            return
        client = self._client(comp.subject)
        if client is None:
            yield make_problem(
                source, row, "fhir_no_subject", column=f"{label}.subject", kind="note", resource=label
            )
            return
        session = _named(comp.extension, "session")
        if session is None:
            session = _session_from_text(comp.title)
        clinician = next((a.display for a in comp.author if a.display), None)
        strata = self._strata(comp.extension)
        sections: list[tuple[str, Section]] = []
        stack: list[tuple[str, Section]] = [(f"section[{i}]", s) for i, s in enumerate(comp.section)][::-1]
        while stack and len(sections) < MAX_ITEM_NODES:
            path, sec = stack.pop()
            sections.append((path, sec))
            children = []
            for j, child in enumerate(sec.section):
                try:
                    children.append((f"{path}.section[{j}]", Section.model_validate(child)))
                except ValidationError:
                    continue
            stack.extend(children[::-1])
        found = 0
        for path, sec in sections:
            if sec.text is None or not sec.text.div:
                continue
            found += 1
            text = xhtml_to_text(sec.text.div)
            name = sec.title or _concept_text(sec.code) or _concept_text(comp.type) or None
            note_id = f"{comp.id}#{path}" if comp.id else None
            yield self._note_row(
                source, row, label, path, client, note_id, session, comp.date, text, name, clinician, strata
            )
        if not found and comp.text is not None and comp.text.div:
            text = xhtml_to_text(comp.text.div)
            yield self._note_row(
                source,
                row,
                label,
                "text",
                client,
                comp.id,
                session,
                comp.date,
                text,
                _concept_text(comp.type) or None,
                clinician,
                strata,
            )
        elif not found:
            yield make_problem(
                source, row, "fhir_no_text", column=f"{label}.section", kind="note", resource=label
            )

    @staticmethod
    def _note_row(
        source: str,
        row: int,
        label: str,
        path: str,
        client: str,
        note_id: str | None,
        session: Any,
        date: str | None,
        text: str,
        section: str | None,
        clinician: str | None,
        strata: dict[str, str],
    ) -> RawRow:
        return RawRow(
            source,
            row,
            "note",
            {
                "client_id": client,
                "note_id": note_id,
                "session": session,
                "date": date,
                "note": text,
                "section": section,
                "clinician": clinician,
            },
            {
                "client_id": f"{label}.subject",
                "note_id": f"{label}.id",
                "session": f"{label}.extension(session)",
                "date": f"{label}.date",
                "note": f"{label}.{path}.text.div",
                "section": f"{label}.{path}.title",
                "clinician": f"{label}.author",
            },
            strata,
        )

    def _known_instruments(self, lead: str, tail: str) -> str:
        loinc = ", ".join(f"{code} ({name})" for code, name in sorted(self.table.loinc.items()))
        names = ", ".join(sorted(self.table.instruments))
        return f"{lead} {loinc} or a scale name ({names}) {tail}"

    def _instrument(self, concept: CodeableConcept) -> tuple[str, str] | None:
        for coding in concept.coding:
            if coding.code and coding.code in self.table.loinc:
                return self.table.loinc[coding.code], "total"
        texts = [concept.text, *(c.display for c in concept.coding), *(c.code for c in concept.coding)]
        for text in [*texts, *(_PARENS.sub(" ", t) for t in texts if t and "(" in t)]:
            if not text:
                continue
            known = self.table.instrument_name(text)
            if known:
                return known, "total"
            hit = wide_score_column(text, self.table)
            if hit:
                return hit
        return None

    def _observation(
        self, obs: Observation, *, source: str, row: int, label: str
    ) -> Iterator[RawRow | Problem]:
        found = self._instrument(obs.code)
        if found is None:
            survey = any((c.code or "").lower() == "survey" for cat in obs.category for c in cat.coding)
            name = slug(_concept_text(obs.code))
            if not survey or not name:
                code = next((c.code for c in obs.code.coding if c.code), None) or _concept_text(obs.code)
                yield make_problem(
                    source,
                    row,
                    "fhir_unknown_code",
                    column=f"{label}.code",
                    value=code or None,
                    kind="measure",
                    expected=self._known_instruments("a LOINC code", "or category 'survey'"),
                )
                return
            found = (name, "total")
        instrument, item = found
        client = self._client(obs.subject)
        if client is None:
            yield make_problem(
                source, row, "fhir_no_subject", column=f"{label}.subject", kind="measure", resource=label
            )
            return
        date = (
            obs.effectiveDateTime
            or (obs.effectivePeriod.start if obs.effectivePeriod else None)
            or obs.issued
        )
        session = _named(obs.extension, "session")
        goal = _named(obs.extension, "goal")
        text = next((n.text for n in obs.note if n.text), None)
        item_values: list[tuple[str, Any]] = []
        item_override: str | None = None
        for comp in obs.component:
            key = normalize_name(_concept_text(comp.code))
            value = comp.value()
            if "session" in key and session is None:
                session = value
            elif "goal" in key and goal is None:
                goal = value
            elif key in ("item", "itemnumber", "itemno", "linkid", "question") and value is not None:
                item_override = str(value)
            elif key in ("text", "comment", "whatcontributed", "freetext") or "contributed" in key:
                text = text or (str(value) if value is not None else None)
            elif m := _ITEM_ID.match(_concept_text(comp.code)):
                item_values.append((str(int(m.group(1))), value))
        if instrument == "gas" and goal is not None:
            item = str(goal)
        elif item_override is not None and item_override.strip().lower() not in ("", "total"):
            item = item_override
        value = obs.valueInteger
        if value is None and obs.valueQuantity is not None:
            value = obs.valueQuantity.value
        if value is None and obs.valueString is not None:
            value = obs.valueString
        base_values = {"client_id": client, "session": session, "date": date, "instrument": instrument}
        base_columns = {
            "client_id": f"{label}.subject",
            "session": f"{label}.extension(session)",
            "date": f"{label}.effectiveDateTime",
            "instrument": f"{label}.code",
            "item": f"{label}.code",
            "value": f"{label}.value[x]",
            "text": f"{label}.note",
        }
        if value is None and not item_values:
            yield make_problem(
                source, row, "fhir_no_value", column=f"{label}.value[x]", kind="measure", resource=label
            )
            return
        if value is not None:
            yield RawRow(
                source,
                row,
                "measure",
                {**base_values, "item": item, "value": value, "text": text},
                base_columns,
            )
        for number, item_value in item_values:
            yield RawRow(
                source,
                row,
                "measure",
                {**base_values, "item": number, "value": item_value},
                {**base_columns, "item": f"{label}.component", "value": f"{label}.component({number})"},
            )

    def _questionnaire_response(
        self, qr: QuestionnaireResponse, *, source: str, row: int, label: str
    ) -> Iterator[RawRow | Problem]:
        written = _last_segment((qr.questionnaire or "").split("|")[0])
        instrument = (
            self.table.instrument_name(written) or (wide_score_column(written, self.table) or (None,))[0]
        )
        if instrument is None:
            yield make_problem(
                source,
                row,
                "fhir_unknown_questionnaire",
                column=f"{label}.questionnaire",
                value=written or None,
                kind="measure",
                expected=self._known_instruments("a questionnaire named", "in its canonical URL"),
            )
            return
        client = self._client(qr.subject)
        if client is None:
            yield make_problem(
                source, row, "fhir_no_subject", column=f"{label}.subject", kind="measure", resource=label
            )
            return
        session = _named(qr.extension, "session")
        text = None
        answers: list[tuple[str, str, Any]] = []
        stack = [(f"item[{i}]", it) for i, it in enumerate(qr.item)][::-1]
        seen = 0
        while stack and seen < MAX_ITEM_NODES:
            path, raw_item = stack.pop()
            seen += 1
            try:
                item = QRItem.model_validate(raw_item)
            except ValidationError as exc:
                first = exc.errors()[0]
                loc = ".".join(str(p) for p in first["loc"])
                yield make_problem(
                    source,
                    row,
                    "fhir_invalid",
                    column=f"{label}.{path}.{loc}",
                    value=loc,
                    kind="measure",
                    resource="QuestionnaireResponse",
                    detail=first["msg"][:80],
                )
                continue
            stack.extend([(f"{path}.item[{j}]", child) for j, child in enumerate(item.item)][::-1])
            if not item.answer:
                continue
            ans = item.answer[0]
            value: Any = next(
                (v for v in (ans.valueInteger, ans.valueDecimal) if v is not None),
                (ans.valueCoding.code if ans.valueCoding else None) or ans.valueString,
            )
            key = normalize_name(item.linkId)
            if "session" in key:
                session = session if session is not None else value
            elif key in ("text", "comment", "whatcontributed") or "contributed" in key:
                text = ans.valueString
            elif key in ("total", "totalscore", "score"):
                answers.append((path, "total", value))
            else:
                m = _ITEM_ID.match(item.linkId)
                answers.append((path, str(int(m.group(1))) if m else item.linkId, value))
        for path, item_id, value in answers:
            yield RawRow(
                source,
                row,
                "measure",
                {
                    "client_id": client,
                    "session": session,
                    "date": qr.authored,
                    "instrument": instrument,
                    "item": item_id,
                    "value": value,
                    "text": text if item_id == "total" else None,
                },
                {
                    "client_id": f"{label}.subject",
                    "session": f"{label}.extension(session)",
                    "date": f"{label}.authored",
                    "instrument": f"{label}.questionnaire",
                    "item": f"{label}.{path}.linkId",
                    "value": f"{label}.{path}.answer",
                },
            )
        if not answers:
            yield make_problem(
                source, row, "fhir_no_value", column=f"{label}.item", kind="measure", resource=label
            )

    def _goal(self, goal: Goal, *, source: str, row: int, label: str) -> Iterator[RawRow | Problem]:
        client = self._client(goal.subject)
        if client is None:
            yield make_problem(
                source, row, "fhir_no_subject", column=f"{label}.subject", kind="goal", resource=label
            )
            return
        goal_id = next((i.value for i in goal.identifier if i.value), None) or goal.id
        values: dict[str, Any] = {
            "client_id": client,
            "goal_id": goal_id,
            "description": _concept_text(goal.description),
        }
        for field in (
            "level_minus2",
            "level_minus1",
            "level_0",
            "level_plus1",
            "level_plus2",
            "importance",
            "difficulty",
        ):
            values[field] = _named(goal.extension, normalize_name(field))
        columns = {field: f"{label}.extension({field})" for field in values}
        columns.update(
            {
                "client_id": f"{label}.subject",
                "goal_id": f"{label}.identifier",
                "description": f"{label}.description",
            }
        )
        yield RawRow(source, row, "goal", values, columns)

    def _consent(self, consent: Consent, *, source: str, row: int, label: str) -> Iterator[RawRow | Problem]:
        client = self._client(consent.patient)
        if client is None:
            yield make_problem(
                source, row, "fhir_no_subject", column=f"{label}.patient", kind="consent", resource=label
            )
            return
        ptype = consent.provision.type if consent.provision else None
        if ptype not in ("deny", "permit"):
            yield make_problem(
                source,
                row,
                "fhir_consent_unclear",
                column=f"{label}.provision.type",
                value=ptype,
                kind="consent",
            )
            return
        yield RawRow(
            source,
            row,
            "consent",
            {"client_id": client, "opted_out": ptype == "deny", "date": consent.dateTime},
            {
                "client_id": f"{label}.patient",
                "opted_out": f"{label}.provision.type",
                "date": f"{label}.dateTime",
            },
        )


def _resolve_local(reference: str, known: set[str]) -> bool:
    """Whether a reference points at a resource in ``known`` ("Type/id" or full URL)."""
    if reference in known:
        return True
    parts = reference.rstrip("/").split("/")
    return len(parts) >= 2 and f"{parts[-2]}/{parts[-1]}" in known


def _charset(content_type: str | None) -> str | None:
    """The charset named in a content type, as written (checked by the caller), or None."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*\"?([^\s\";]+)", content_type)
    return m.group(1) if m else None
