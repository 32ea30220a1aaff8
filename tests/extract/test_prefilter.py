import re

import pytest

from narrative.extract.data import may_hold
from narrative.extract.prefilter import holds, lowered, required_words, search_at_words
from narrative.extract.titles import load_title_rules


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?i)\bchapter\b", ("chapter",)),
        (r"(?i)\b(?:call|name|title)d?\s+it\b", ("call", "name", "title")),
        (r"(?i)i['’]d\s+call", ("call",)),  # the longer word wins over "i'd" / "i’d"
        (r"(?i)it['’]s", ("it's", "it’s")),  # a class of literals multiplies out
        (r"(?i)(?<=said:\s)[A-Z]\w+", ("said:",)),  # a lookbehind's words are in the text too
        (r"(?i)(?:no|more)\s+like", ("like",)),
        (r"(?i)(?:yes|nah)\s+X", ("nah", "yes")),  # each branch's own words
        (r"(?i)(?:chapter|\w+)\s+\w+", ()),  # a branch with no words of its own
        (r"[A-Z]\w+", ()),
        (r"(?i)(?:title)?\s*:\s*(\w+)", (":",)),  # an optional part requires nothing
        (r"(?i)(?!chapter)\w+", ()),  # nor does a negative lookahead
        (r"(?i)É\w+", ()),  # a cased letter beyond ASCII is not used
        (r"→\s*\w+", ("→",)),  # a caseless symbol is
    ],
)
def test_prefilter_required_words(pattern, expected):
    assert required_words(re.compile(pattern)) == expected


_TEXTS = [
    "She said: Rock Bottom.",
    "I'd CALL IT The Long Winter",
    "It’s more like “Starting Over”",
    "no like X",
    "chapter",
    "Title: Home",
    "ſaid: Hello",  # a long s: a case-insensitive "s" matches it, str.lower() keeps it
    "KİTE",  # a dotted capital I
    "→ Next",
    "nothing here at all",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_prefilter_words_never_rule_out_a_match(text):
    patterns = [rx for _rid, _kind, rx, _req in load_title_rules().finders] + [
        re.compile(r"(?i)(?<=said:\s)[A-Z]\w+"),
        re.compile(r"(?i)i['’]d\s+call\s+it"),
        re.compile(r"(?i)kite"),
    ]
    for rx in patterns:
        words = required_words(rx)
        if words and rx.search(text):
            assert may_hold(text, words)
            assert holds(lowered(text), words)


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("I'd CALL it", ("call",), True),
        ("nothing", ("call",), False),
        ("ſomething", ("call",), True),  # (no prefilter rules out a text with a long s)
    ],
)
def test_prefilter_holds_is_may_hold_of_the_lowered_text(text, words, expected):
    assert holds(lowered(text), words) is expected
    assert may_hold(text, words) is expected


_ROLE_HINT = re.compile(r"(?<!\w)(?i:client|pt)\b\.?[\s(,:]{1,4}[A-Z]|\((?i:client)\)")


@pytest.mark.parametrize(
    "text",
    [
        "Client: Dana R. attended.",
        "seen with pt. Mo today",
        "Jo (client) said",
        "the clientele: Mixed",  # a role word inside a longer word
        "aclient: X",  # not after a word boundary: match() at the offset still sees the "a"
        "CLIENT  (Ben)",
        "no role word here",
        "İ client: Sam",  # a dotted capital I: lower() changes the length, the full search runs
        "ſ client: Sam",
        "",
    ],
)
def test_prefilter_search_at_words_is_search(text):
    starts = ("client", "pt", "(")
    assert search_at_words(_ROLE_HINT, text, starts) is (_ROLE_HINT.search(text) is not None)
