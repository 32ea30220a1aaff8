"""Agency rules of branch agency10 (recall): acts the rules skipped in note fragments and in the
client's spoken grammar. Each positive case fails on the rules before this branch; the guards pin
what stays out."""

from __future__ import annotations

import pytest


def _agency(extract, note: str) -> dict[str, str]:
    return {s.text: s.polarity for s in extract(note) if s.type == "agency"}


def _covers(found: dict[str, str], words: str) -> bool:
    return any(words in text for text in found)


@pytest.mark.parametrize(
    ("note", "words"),
    [
        # a fragment's leading past-tense verb the parser read inside the subject of a later word
        ("Accepted PRN quetiapine 25mg at 22:10.", "Accepted PRN quetiapine"),
        ("Attended OT art grp, painted a bowl.", "Attended OT art grp"),
        # the client's subjectless words in quote marks after a semicolon
        ('Did not go to the interview; "chickened out again."', "chickened out again"),
        ('No contact with her mother; "blocked her number on Sunday."', "blocked her number"),
        # a perfect progressive with the client's "I've" left out
        ('Ciaran said: "Been going to the pool with my brother."', "Been going to the pool"),
        # "get there": progress by the client's own effort
        ("She laughed and said \"I'm slow at it, but I'll get there.\"", "I'll get there"),
        ('Said "it takes me all day but I get there in the end."', "I get there in the end"),
        # "said sorry" read as a predicate of "said"
        ('He said "I went back in and I said sorry to the lad."', "I said sorry"),
        # the emphatic past's "did" of a subjectless note fragment
        ("Did phone her brother on Sunday night after all.", "Did phone her brother"),
        # a fragment's past verb whose parsed "subject" is the line's time stamp
        ("14:35 Used the stress ball in the quiet room for 10 mins.", "Used the stress ball"),
        # verbs of in-session behaviour that are acts in the client's own account
        ('Wrote in her diary: "Apologised to my sister for the shouting."', "Apologised to my sister"),
        ('He said "I hung up on him before the shouting started."', "I hung up"),
        ("She said she picked up two extra shifts at the bakery.", "picked up two extra shifts"),
    ],
)
def test_found(extract, note: str, words: str) -> None:
    assert _covers(_agency(extract, note), words)


def test_never_getting_there_is_not_agentic(extract) -> None:
    found = _agency(extract, 'She said "I\'ll never get there."')
    assert [p for t, p in found.items() if "get there" in t] == ["non_agentic"]


@pytest.mark.parametrize(
    "note",
    [
        # an arrival, a route or a question, not progress
        'She said "I get there at eight and the doors are shut."',
        'Asked "how do I get there from the station?"',
        'Said "we got there early for once."',
        # a progress report, and a negated "did" in the clinician's record
        'She said "I\'m getting there, slowly."',
        "Did not attend the walking group on Friday.",
        # a bare verb after a time stamp (the staff's round), a named subject
        "03:00 checked, asleep.",
        "Tom went to the pub with his brother.",
        # a name or a noun that opens the sentence stays the subject
        "Edward accepted a lift from the neighbour.",
        "Increased appetite noted by staff.",
        "Completed food diary reviewed.",
        # someone else's subjectless words in quote marks after a semicolon stay a quotation
        'Mother on the phone; "what did I do wrong?"',
        # the same verbs as the clinician's record of the session, or without an object
        "Client apologised to the therapist for being late.",
        "She picked up on his irritation quickly.",
        'She said "I hung out with my cousins at the weekend."',
    ],
)
def test_not_found(extract, note: str) -> None:
    found = _agency(extract, note)
    assert not any(
        w in t
        for t in found
        for w in (
            "get there",
            "checked",
            "went to the pub",
            "getting there",
            "walking group",
            "got there",
            "accepted a lift",
            "Increased appetite",
            "food diary",
            "what did I do",
            "apologised to the therapist",
            "picked up on",
            "hung out",
        )
    )


def _parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str], lemmas: list[str]):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, lemmas=lemmas)


def test_subject_after_a_fragment_verb_is_a_misparse() -> None:
    # the parse the tagger gave a note line in context: "sister" the subject of "Went"
    from narrative.extract.clauses import _misread_fragment_subject

    doc = _parsed(
        ["Went", "back", "to", "the", "choir", "w/", "her", "neighbour", "."],
        [0, 0, 0, 4, 2, 0, 7, 0, 0],
        ["ROOT", "advmod", "prep", "det", "pobj", "prep", "poss", "nsubj", "punct"],
        ["VBD", "RB", "IN", "DT", "NN", "IN", "PRP$", "NN", "."],
        ["go", "back", "to", "the", "choir", "w/", "her", "neighbour", "."],
    )
    assert _misread_fragment_subject(doc, doc[7], doc[0], 0)
    named = _parsed(
        ["Tom", "went", "to", "the", "pub", "."],
        [1, 1, 1, 4, 2, 1],
        ["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
        ["NNP", "VBD", "IN", "DT", "NN", "."],
        ["Tom", "go", "to", "the", "pub", "."],
    )
    assert not _misread_fragment_subject(named, named[0], named[1], 0)
