"""Fast paths of the clause walk (clauses.py) and the rules' Token walks: each gives what the plain
code gives. Outputs are pinned by the other extract tests; these pin the fast paths' own contracts.
"""

from __future__ import annotations

import pytest

from narrative.extract import classify as cl
from narrative.extract import clauses

pytestmark = pytest.mark.slow

NOTES = [
    "Client said she is a failure. She walked to the shop, and then she rang her sister.",
    'Pt reports "I\'m not worthless." Declan M. – session 14. Declan rang Monday; went to the gym.',
    "Work: laid off from the warehouse. Chloe (17) completed breakfast. States can't cope at home.",
]


def test_token_table_follows_the_doc_asked(nlp):
    """The last-doc shortcut never hands one doc another's table, in any order of asking, and a
    copy of a doc gets its own table."""
    a, b = (nlp(t) for t in NOTES[:2])
    table_a, table_b = clauses.token_table(a), clauses.token_table(b)
    assert table_a is not table_b
    for doc, table in ((a, table_a), (b, table_b), (a, table_a), (a, table_a), (b, table_b)):
        assert clauses.token_table(doc) is table
        assert table.text == [t.text for t in doc]
        assert table.dep == [t.dep_ for t in doc]
    copy = a.copy()
    assert clauses.token_table(copy).text == table_a.text
    assert clauses.token_table(a) is table_a


def test_sentence_root_is_span_root(nlp):
    """``_Sentence.root`` is ``Span.root`` for every sentence, and for ranges that hold no token
    that is its own head (spaCy's own choice then)."""
    for text in NOTES:
        doc = nlp(text)
        for start, end in clauses.sentence_bounds(doc):
            assert clauses._Sentence(doc, start, end).root.i == doc[start:end].root.i
        heads = clauses.token_table(doc).head
        for start in range(len(doc)):
            for end in range(start + 1, min(len(doc), start + 6) + 1):
                sent = clauses._Sentence(doc, start, end)
                assert sent.root.i == doc[start:end].root.i
                if all(heads[i] != i for i in range(start, end)):
                    assert sent.text == doc[start:end].text  # (other attributes: the Span's)


def test_introduced_names_match_every_word_scan(nlp):
    """A name with an initial in the first line or with an age is found; one without either is not
    (the scan looks only at words before "(", "," or a word ending in ".")."""
    doc = nlp("Declan M. – session 14. Declan rang Monday. Priya (34) came too. Tom went home.")
    names = clauses.introduced_names(doc)
    assert {"Declan", "Priya"} <= names
    assert "Tom" not in names and "Monday" not in names


def test_word_tests_keep_the_rules_answers(nlp):
    """The rules with a word test before their Token walks give the plain walks' answers."""
    doc = nlp("I have no idea who I am. I'm getting my old self back. Did the exposure.")
    units = doc._.narrative_units
    assert units
    for unit in units:
        head = doc[unit.head]
        kids = list(head.children)
        lemma = cl.lemma(head)
        if lemma not in ("have", "be"):
            assert not cl._unsure_who_i_am(head, lemma, head)
        if lemma not in ("be", "get", "go"):
            assert cl._back_to_self(head, lemma) is None
        if not any(c.dep_ in ("xcomp", "ccomp", "advcl") for c in kids) and not any(
            g.dep_ in ("xcomp", "ccomp", "advcl") for c in kids if c.dep_ == "acomp" for g in c.children
        ):
            assert not cl._role_fit(head)
        if doc[unit.start].lower_ != "did":
            assert not cl.did_fragment(doc, unit)
