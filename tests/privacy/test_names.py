"""Person names beyond the lists: context rules of the name recognizer, and words that must survive."""

import pytest

from narrative.privacy.rules import load_rules

pytestmark = pytest.mark.slow

# Made-up words that are in no bundled list: only the context can make them names.
UNLISTED = ("Zorbeth", "Quindrel", "Oyelaran", "Taavetti", "Brindlemore", "Nkemdirim")


@pytest.mark.parametrize("word", UNLISTED)
def test_names_unlisted_words_are_in_no_list(word):
    rules = load_rules()
    low = word.casefold()
    lists = (rules.given_names, rules.ambiguous_names, rules.surnames, rules.common_words)
    assert not any(low in words for words in lists)


# (note, name that must disappear)
NAME_CASES = [
    ("Her brother Zorbeth visited on Sunday.", "Zorbeth"),
    ("talked about her partner quindrel and the move.", "quindrel"),
    ('He keeps texting his girlfriend, "Taavetti", at night.', "Taavetti"),
    ("She met Oyelaran at the support group.", "Oyelaran"),
    ("Brindlemore said the rent is due.", "Brindlemore"),
    ("Called nkemdirim (son) to confirm the appointment.", "nkemdirim"),
    ("Client Zorbeth Oyelaran arrived on time.", "Zorbeth Oyelaran"),
    ("She went with Maria and Quindrel to the lake.", "Quindrel"),
    ("Zorbeth Castellanos called about the bill.", "Zorbeth Castellanos"),
    ("rosalind okonkwo came in early.", "rosalind okonkwo"),
    ("Thandeka reports sleeping better.", "Thandeka"),
    ("talked about her dad will and his drinking.", "will and"),
    ("Her sister Grace visited.", "Grace"),
]


@pytest.mark.parametrize("note,name", NAME_CASES)
def test_names_found_by_list_or_context(privacy, note, name):
    out = privacy.text(note, "client-1")
    assert "[NAME]" in out
    for word in name.split():
        if word not in {"and"}:
            assert word not in out.split() and word.strip('"') not in out


# (note, text that must survive verbatim)
KEEP_CASES = [
    ('Client said "I am broken" today.', "I am broken"),
    ('Chapter title: "Walking Forward".', "Walking Forward"),
    ('She would call this chapter "Stuck in the Mud".', "Stuck in the Mud"),
    ('This chapter would be called "Finding My Voice".', "Finding My Voice"),
    ("Session 4 focused on values.", "Session 4"),
    ("In June she felt stronger; by Friday she was tired.", "In June she felt stronger; by Friday"),
    ("Her son will visit next week.", "Her son will visit next week"),
    ("Her sister said the anxiety is worse in March.", "Her sister said the anxiety is worse in March"),
    ("Client reports low mood and poor sleep.", "Client reports low mood and poor sleep"),
    ("I am trying to figure out child care.", "I am trying to figure out child care"),
    ("Therapist said homework helped; client agreed.", "Therapist said homework helped; client agreed"),
    ("Mom called twice and Dad texted.", "Mom called twice and Dad texted"),
    ("She met friends at church and saw nobody else.", "She met friends at church and saw nobody else"),
]


@pytest.mark.parametrize("note,keep", KEEP_CASES)
def test_names_narrative_words_survive(privacy, note, keep):
    assert keep in privacy.text(note, "client-1")


@pytest.mark.parametrize(
    "note,url",
    [
        ("See linktr.ee/maria_k for her art.", "linktr.ee/maria_k"),
        ("Her profile is mysite.ca/about.", "mysite.ca/about"),
        ("Video at youtu.be/dQw4w9 was shared.", "youtu.be/dQw4w9"),
        ("Portal at clinic.example.co.uk:8443/login today.", "clinic.example.co.uk:8443/login"),
    ],
)
def test_names_url_forms_masked(privacy, note, url):
    out = privacy.text(note, "client-1")
    assert url not in out and "[URL]" in out
