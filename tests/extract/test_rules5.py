"""Agency and chapter-title rules of extract-rules5: general forms of clinical and narrative
language that the earlier rules missed (each case fails on the rules before it)."""

from __future__ import annotations

import pytest

from narrative.extract.titles import find_titles, load_title_rules


@pytest.fixture(scope="module")
def title_rules():
    return load_title_rules()


@pytest.mark.parametrize(
    ("note", "span", "voice"),
    [
        (
            "Client said she told her manager she would not cover any more weekend shifts.",
            "she told her manager she would not cover any more weekend shifts",
            "reported",
        ),
        (
            "She told her mother last week that she would not be coming for Diwali.",
            "She told her mother last week that she would not be coming for Diwali",
            "clinician",
        ),
        (
            'Says she is "done being a doormat" and told her boss she won\'t work weekends.',
            "told her boss she won't work weekends",
            "clinician",
        ),
        (
            "The first thing she said was that she had finally told her mother she would not be coming home "
            "for Easter, and I was aware of a kind of pride in me.",
            "she had finally told her mother she would not be coming home for Easter",
            None,
        ),
    ],
)
def test_agency_telling_someone_in_the_clients_life_is_volition(extract, note, span, voice):
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert span in found
    assert (found[span].polarity, found[span].attrs.get("agency_kind")) == ("agentic", "volition")
    assert voice is None or found[span].voice == voice


@pytest.mark.parametrize(
    "note",
    [
        "Her GP told her she would need a referral.",  # someone else tells the client
        "If she were braver, she says, she would tell her mother she is moving out.",  # hypothetical
        "Plan: she will tell her sister she needs help with the kids.",  # a plan, not a thing done
        "He said he hasn't told his wife he lost the job.",  # not done
        "Mrs P. told Li Wei she is “allowed to be ordinary now.”",  # what she is: a self-view
    ],
)
def test_agency_telling_someone_hard_negatives(extract, note):
    assert not [s for s in extract(note) if s.type == "agency" and "ag.told_someone" in s.evidence]


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a spoken self-correction inside the quotation is not part of the title
        (
            "Asked to title this chapter he said “Holding It Together” and then “actually, Falling Apart Quietly.”",
            ["Holding It Together", "Falling Apart Quietly"],
        ),
        (
            'Asked for a chapter title, she said "Woman Survives Week" and then "actually no, just \'Still Here\'".',
            ["Woman Survives Week", "Still Here"],
        ),
        # a revision after the client's first answer ("he said, “or maybe just X”")
        (
            "Asked the chapter question again. “The Calm After,” he said, “or maybe just The After.”",
            ["The Calm After", "The After"],
        ),
        # a renaming that follows a title found beside another one
        (
            "Edith has chosen chapter names. Marriage: “Harold and Me.” Now: she hesitated, then said "
            "“The Widow’s Bit,” then changed it to “Learning to Be Edith.”",
            ["Harold and Me", "The Widow’s Bit", "Learning to Be Edith"],
        ),
        # dictated quotation marks
        (
            "asked what she would call this chapter she said quote the long way round unquote",
            ["the long way round"],
        ),
    ],
)
def test_titles_revisions_and_dictated_quotes(title_rules, note, titles):
    assert [note[m.start : m.end] for m in find_titles(note, title_rules)] == titles


@pytest.mark.parametrize(
    "note",
    [
        # a title that starts with a word of a self-correction keeps it
        "Asked to title this chapter, she said “No Way Back”.",
        "Asked to title this chapter, she said “Maybe Tomorrow”.",
    ],
)
def test_titles_keep_their_own_first_words(title_rules, note):
    assert [note[m.start : m.end] for m in find_titles(note, title_rules)] == [
        note.split("“")[1].split("”")[0]
    ]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ('She said "My disease tells me I\'m worthless."', "My disease tells me I'm worthless"),
        ('He said "Tik took everything from me."', "Tik took everything from me"),
        (
            'He said the heroin "got its hooks back in" on Friday.',
            'the heroin "got its hooks back in" on Friday',
        ),
        ('She said "My inner critic tells me I\'m useless."', "My inner critic tells me I'm useless"),
    ],
)
def test_agency_illness_substances_and_critic_as_agents(extract, note, span):
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert span in found
    assert (found[span].polarity, found[span].attrs.get("agency_kind")) == ("non_agentic", "external")


@pytest.mark.parametrize(
    "note",
    [
        'She said "I promise."',
        'He said "I reckon that\'s when I went under."',
        'She said "I will admit I am an old woman these days."',
        'Later he corrected himself: "No, I am a teacher who cleans floors."',
        "He dismissed this at first.",
        'She summed it up: "I\'m an old woman with bad knees."',
    ],
)
def test_agency_ways_of_speaking_are_no_acts(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ('He said he swore he would "never be like him".', 'he swore he would "never be like him"'),
        ('She wrote "I finally admitted I had a problem at 41."', "I finally admitted I had a problem at 41"),
        ('He said "I promise to stop drinking."', "I promise to stop drinking"),
    ],
)
def test_agency_vows_and_admissions_stay_acts(extract, note, span):
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert span in found
    assert found[span].attrs.get("agency_kind") == "volition"


@pytest.mark.parametrize(
    ("note", "span"),
    [('She said "I have to. Every night."', "I have to"), ('He said "I had to."', "I had to")],
)
def test_agency_obligation_with_the_verb_left_out(extract, note, span):
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert span in found
    assert (found[span].polarity, found[span].attrs.get("agency_kind")) == ("non_agentic", "obligation")


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("D: Re-did the life chapter exercise. Client calm.", []),
        ("Did the life-as-a-book exercise.", []),
        ("Client completed the life-line worksheet in session.", []),
        ("Cl. did the life-chapters exercise at home.", ["Cl. did the life-chapters exercise at home"]),
        (
            "He used the breathing exercise when the panic started.",
            ["He used the breathing exercise when the panic started"],
        ),
    ],
)
def test_agency_the_sessions_life_story_exercise_is_no_act(extract, note, expected):
    assert [s.text for s in extract(note) if s.type == "agency"] == expected
