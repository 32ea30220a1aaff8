"""Sentence starts the parser must respect: note lines, speaker turns, section labels, table cells.

Session notes are laid out in lines: transcript turns ("C: ...", "Therapist: ..."), SOAP/DAP
sections ("S: ...", "Assessment: ..."), bullet lists and tab or pipe tables. Left alone, the parser
runs a label into the sentence after it ("Client: I signed up ..." parsed with "Client" as the
root), so the clause analysis misses the client's clause. ``narrative_segments_v1`` runs before
the parser and marks a sentence start at each of those boundaries; the parser keeps them.
A line that continues a hard-wrapped sentence (previous line ends in a letter or comma, this one
starts in lower case) is not split.
"""

from __future__ import annotations

import re

from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from ..lang.en import cues
from .data import may_hold
from .indicators import entry_start
from .prefilter import required_words
from .straighten import PARSE_TEXT_KEY
from .voice import words_field_owner

_LABEL_RE = re.compile(
    r"(?m)(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))[ \t]*(?:[-•*]\s*)?([A-Za-z][A-Za-z/'’ ]{0,20}?)\.?\s*:[ \t]*(?=\S)"
)
_PIPE_CELL_RE = re.compile(r"\|[ \t]*(?=[^\s|])")
_WRAP_END = re.compile(r"[a-z,]\s*$")
# A date, time or unit abbreviation ending a sentence ("first time since Feb. Says she is ..."): its
# stop is kept by the tokenizer, so the parser would run the next sentence into this one.
_ABBREV_END_RE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"
    r"|approx|wk|wks|yr|yrs|hr|hrs|min|mins|etc)\.[ \t]+(?=[A-Z][a-z])"
)
# A list bullet opening a line: the small tagger reads "•" as a verb and the parser hangs the
# line's label and act off it ("• Work/School: presented at ..." parsed with "•" as the root).
_BULLET_RE = re.compile(r"[•◦▪▫‣·∙●○■□⁃]+[ \t]*(?=\S)")
# what every label match holds (":"): a text without it skips the scan
_LABEL_WORDS = required_words(_LABEL_RE)


# Dictated notes come as one run-on line without stops ("he states he has been sleeping four hours he
# describes himself as a shell of who he was ..."): a new clause starts where a person pronoun and a
# finite verb follow a word that neither introduces nor reports a clause.
_DICTATED_MIN_WORDS = 25
_RUN_ON_RE = re.compile(
    r"(?<=[a-z0-9]) (?=(?:(?:he|she|they|pt|patient|client|partner|wife|husband|mother|father|mum|mom|dad)"
    r" (?:states|says|said|reports|reported|describes|described|tells|told|feels|denies|refers|identifies|wants"
    r"|has|is|was|went|thinks|sees)|plan (?:continue|review|to|client|pt|patient|repeat|follow|f/u|increase"
    r"|reduce|start|stop|refer|book|discharge|next))\b)"
)
_RUN_ON_KEEP = frozenset(
    {"that", "and", "but", "because", "as", "if", "when", "so", "than", "or", "where", "who", "which", "whether",
     "said", "says", "states", "stated", "reports", "reported", "feels", "felt", "thinks", "believes", "me",
     "tells", "told", "while", "though", "although", "since", "until", "before", "after", "how", "what", "why",
     "unless", "once", "whom", "whose", "explains", "explained", "adds", "added", "admits", "notes"}
)  # fmt: skip


def _run_on_starts(line: str) -> list[int]:
    """Clause starts inside a dictated line without stops (offsets into ``line``)."""
    if len(line.split()) < _DICTATED_MIN_WORDS or re.search(r"[.!?;]", line):
        return []
    out = []
    for m in _RUN_ON_RE.finditer(line):
        before = line[: m.start()].rsplit(None, 1)
        if before and before[-1].lower() not in _RUN_ON_KEEP:
            out.append(m.end())
    return out


def all_labels() -> frozenset[str]:
    return (
        cues.CLIENT_LABELS
        | cues.THERAPIST_LABELS
        | cues.OTHER_LABELS
        | cues.SUBJECTIVE_LABELS
        | cues.OBJECTIVE_LABELS
        | cues.ASSESSMENT_LABELS
        | cues.PLAN_LABELS
        | cues.NOTE_HEADING_LABELS
    )


def boundary_chars(text: str, labels: frozenset[str], entry_label: bool = False) -> list[int]:
    """Character offsets where a sentence must start (``entry_label``: also where a review entry
    starts after its label, "Mood – progress:", "Goals (GAS goal 2) – progress, +1:")."""
    out: list[int] = []
    pos = 0
    prev_line = ""
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped:
            start = pos + len(line) - len(stripped)
            wrapped = prev_line.strip() and _WRAP_END.search(prev_line) and stripped[0].islower()
            if not wrapped:
                out.append(start)
                if bullet := _BULLET_RE.match(stripped):
                    out.append(start + bullet.end())
                at = entry_start(stripped) if entry_label else None
                if at is not None and stripped[at].isupper():
                    # (an entry in lower case stays joined to its label: the parser reads a
                    # lower-case verb that opens a sentence as a noun; capitalising it in the
                    # parse text loses more than it gains on the development splits)
                    out.append(start + at)
            prev_line = line
        else:
            prev_line = ""
        out.extend(pos + k for k in _run_on_starts(line))
        if "\t" in line:
            for m in re.finditer(r"\t+(?=\S)", line):
                out.append(pos + m.end())
        if line.count("|") >= 2:  # a pipe-table row: each cell starts a sentence
            for m in _PIPE_CELL_RE.finditer(line):
                out.append(pos + m.end())
        pos += len(line) + 1
    for m in _LABEL_RE.finditer(text) if may_hold(text, _LABEL_WORDS) else ():
        label = m.group(1).strip()
        # (or a field over someone's own words: "Client statement:", "Kamran's words:")
        if label.lower() in labels or words_field_owner(label.lower()) is not None:
            out.append(m.start(1))
            out.append(m.end())
    out.extend(m.end() for m in _ABBREV_END_RE.finditer(text))
    return sorted(set(out))


class SegmentComponent:
    """Mark sentence starts at note-layout boundaries before the parser runs."""

    def __init__(self) -> None:
        self.labels = all_labels()

    def __call__(self, doc: Doc) -> Doc:
        # (the folding tokenizer keeps the text it tokenized: ``doc.text`` joins every token)
        text = doc.user_data.get(PARSE_TEXT_KEY)
        if text is None:
            text = doc.text
        if (
            "\n" not in text
            and ":" not in text
            and "\t" not in text
            and ". " not in text
            and text.count(" ") < _DICTATED_MIN_WORDS
        ):
            return doc
        starts = boundary_chars(text, self.labels, entry_label=True)
        if not starts or len(doc) < 2:
            return doc
        idx, space = doc.to_array([IDX, IS_SPACE]).T.tolist()
        at = {start: i for i, start in enumerate(idx)}
        for c in starts:
            i = at.get(c)
            if i is not None and i > 0 and not space[i]:
                doc[i].is_sent_start = True
        return doc


@Language.factory("narrative_segments_v1", assigns=["token.is_sent_start"])
def make_segments(nlp: Language, name: str) -> SegmentComponent:  # noqa: ARG001 - factory signature
    return SegmentComponent()
