"""Fast paths of the voice component: each gives what the plain code gives.

The prefilter drivers are checked against ``re.finditer`` on crafted texts; the token-table speaker
rule against a Token-walking copy of the rule it replaced, on every token of parsed notes.
"""

from __future__ import annotations

import re

import pytest

from narrative.extract import voice as v
from narrative.extract.prefilter import finditer_at_words, start_strings


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?i)\bchapter\b", ("chapter",)),
        (r"(?i)(?<!\w)(?:letter|e-?mails?)\s+from", ("e-mail", "email", "letter")),  # lookbehind passed over
        (r"(?i)(?:note|notes|noted)\b", ("note",)),  # a string that starts with another is dropped
        (r"(?i)(?:pt|patient)['’]s", ("patient's", "patient’s", "pt's", "pt’s")),  # literals multiply out
        (r"(?i)journal\s+entry|diary", ("diary", "journal")),  # a branch's first words, up to the class
        (r"(?=[A-Z])(?:^|(?<=\.\s))([A-Z]\w*):", ()),  # a letter class: no start strings
        (r"(?m)^[ \t]*client:", ()),  # an optional class first: anything may start a match
        (r"(?i)(?:chapter)?\s*:", ()),  # an optional word first
        (r"(?i)É\w+", ()),  # a cased letter beyond ASCII is not used
        (r"[“\"]\w+", ('"', "“")),  # caseless quote marks are
    ],
)
def test_prefilter_start_strings(pattern, expected):
    assert start_strings(re.compile(pattern)) == expected


_TEXTS = [
    "",
    "nothing to see here",
    "Email from client: I'm fine. Letter from the client (rec'd 21:47 Sat): Hi",
    "E-MAIL FROM PT:\nI'm not ok\n\nPortal message from patient: help",
    "pasted emailfrom client: no\nnote from pt:   x",  # a start word inside a word
    "ſms from client: hi",  # a long s: a case-insensitive "s" matches it, str.lower() keeps it
    "KİTE message from client: yes",  # a dotted capital I changes the lower-cased length
    "Client's own list: 1. sleep. Client typed responses: ok",
    "Message via patient portal (Talking Therapies), received 07:12, copied to record: I was ok",
    "Tree of Life, written up by the participant herself (shared): roots",
    "text to the MHCP psychologist: hi\ntext to the GP from mum: no",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_prefilter_finditer_at_words_is_finditer(text):
    for pattern in (
        v._CLIENT_BLOCK_RE,
        v._DOUBLE_RE,
        v._SINGLE_RE,
        v._DICTATED_RE,
        re.compile(r"(?i)\bpt\w*"),
    ):
        starts = start_strings(pattern)
        assert starts
        got = [(m.span(), m.groups()) for m in finditer_at_words(pattern, text, starts)]
        assert got == [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_prefilter_finditer_at_words_steps_past_each_match():
    # overlapping candidates: the second "ab" starts inside the first match, as finditer skips it
    pattern = re.compile(r"ab\w*")
    assert [m.span() for m in finditer_at_words(pattern, "abab ab", ("ab",))] == [(0, 4), (5, 7)]


def test_voice_client_blocks_are_not_scanned_at_every_character(monkeypatch):
    """compute_regions tries the client-block pattern only where its first words occur."""

    class NoScan:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.match = pattern.match

        def finditer(self, *args, **kwargs):  # pragma: no cover - the failure itself
            raise AssertionError("the client-block pattern scanned the whole note")

    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    doc = nlp("Client said: fine.\nEmail from client: I am not ok.")
    monkeypatch.setattr(v, "_CLIENT_BLOCK_RE", NoScan(v._CLIENT_BLOCK_RE))
    regions, _ = v.compute_regions(doc)
    assert v.CLIENT in regions


def _speaker_of_tokens(subj) -> int:  # noqa: ANN001, C901 - the Token-walking rule the table version replaced
    from narrative.lang.en import cues

    low = subj.lower_
    mods = cues.CLIENT_COMPOUNDS.get(low, ())
    compound = any(c.dep_ in ("compound", "amod") and c.lower_ in mods for c in subj.children)
    if (
        low in cues.CLIENT_SUBJECT_PRONOUNS
        or low in cues.CLIENT_NOUNS
        or compound
        or low == "you"
        and v.addressed_to_client(subj.doc)
    ):
        if any(
            c.dep_ == "poss" or c.dep_ in ("det", "amod") and c.lower_ in cues.OTHER_MEMBER_DETERMINERS
            for c in subj.children
        ):
            return v.OTHER
        return v.CLIENT
    if low in ("i", "we") or low in cues.THERAPIST_NOUNS:
        return v.THERAPIST
    if low in cues.RELAY_NOUNS:
        return v.CLIENT
    if low == "part" and any(
        c.lower_ == "of" and any(g.lower_ in ("her", "him", "me", "them") for g in c.children)
        for c in subj.children
    ):
        return v.CLIENT
    if (
        low in v._MOTHER_WORDS
        and subj.text[:1].isupper()
        and not any(c.dep_ in ("poss", "det") for c in subj.children)
        and v.mother_is_client(subj.doc)
    ):
        return v.CLIENT
    if low in cues.OTHER_LABELS or low in cues.OTHER_PERSON_NOUNS or low in cues.THIRD_PARTY_NOUNS:
        return v.OTHER
    if any(c.dep_ == "compound" and c.lower_ in cues.GROUP_MEMBER_NOUNS for c in subj.children):
        return v.OTHER
    if subj.text[:1].isupper() and v._is_client_name(subj.doc, subj.text):
        return v.CLIENT
    if (
        v._is_initial(subj)
        and v._names_client_by_role(subj.doc)
        and subj.text not in v._client_initials(subj.doc)
        and not v._first_initial_of(subj.text, v._client_initials(subj.doc))
    ):
        return v.OTHER
    if subj.pos_ == "PROPN" and not any(c.dep_ == "poss" for c in subj.children):
        names = v.client_names(subj.doc)
        return v.OTHER if names and subj.text not in names and not v._is_initial(subj) else v.CLIENT
    return v.OTHER


_NOTES = [
    "Client (Jess) said she is a failure. Jess used headphones. Her client said no. R. said he is fine.",
    'Perinatal mental health, home visit. Mum said, "I\'m not a natural mother." Her mum agreed.',
    "Part of her still believes she is bad. Service user reports she is coping. Another member said no.",
    "Group: Peer D. said he is lost. Client R.K. said she is strong. K. said nothing. Interpreter relayed: ok.",
    "Dear Sam, you told me you are brave. We agreed. Dad described himself as a failure.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", _NOTES)
def test_voice_speaker_from_the_table_is_the_token_rule(nlp, text):
    doc = nlp(text)
    assert [v._speaker_of(t) for t in doc] == [_speaker_of_tokens(t) for t in doc]
    assert [v.client_compound(t) for t in doc] == [
        any(
            c.dep_ in ("compound", "amod") and c.lower_ in v.cues.CLIENT_COMPOUNDS.get(t.lower_, ())
            for c in t.children
        )
        for t in doc
    ]


@pytest.mark.slow
def test_bench_extract_voice_part_times_covers_the_three_parts(nlp):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "bench_extract.py"
    spec = importlib.util.spec_from_file_location("bench_extract", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    times = bench.voice_part_times(nlp, [_NOTES[0], "Client attended. No change."], repeats=2)
    assert sorted(times) == ["analyse", "compute_regions", "token_table"]
    assert all(seconds >= 0.0 for seconds in times.values())
    assert nlp(_NOTES[0]).spans.get("quotes") is not None  # (the timed runs left the pipeline as it was)
