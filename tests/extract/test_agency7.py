"""Agency rules of branch agency7: general forms of clinical note language the earlier rules
over-read (each case fails on the rules before it)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "note",
    [
        "DBT phone coaching, 6 min. Walked her through paced breathing.",
        "Gave him naloxone kit #3 this month.",
        "Took him through the relapse-prevention plan.",
    ],
)
def test_agency7_fragment_done_to_him_or_her_is_the_writers_act(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Called her sponsor first thing Sat.", "Called her sponsor first thing Sat"),
        ("Threw them in the bin after the session.", "Threw them in the bin after the session"),
        ("Drove her daughter to school on Monday.", "Drove her daughter to school on Monday"),
        ("Took her to plunket on my own.", "Took her to plunket on my own"),
    ],
)
def test_agency7_fragment_with_her_as_possessive_or_things_stays_an_act(extract, note, span):
    assert span in {s.text for s in extract(note) if s.type == "agency"}


@pytest.mark.parametrize(
    "note",
    [
        "He wept briefly and looked at the floor.",
        "He associated to boarding school at seven.",
        "She flinched when I mentioned her father.",
    ],
)
def test_agency7_displays_and_free_association_in_a_process_note_are_not_acts(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    "note",
    [
        "Work/School - no change: Has not returned to the FET course.",
        "4. Goals (no change): Still hasn't returned to her clinic job.",
    ],
)
def test_agency7_not_yet_back_at_work_is_a_status_not_an_act(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("She has returned to part-time work.", "She has returned to part-time work"),
        ("She didn't return to work after the holiday.", "She didn't return to work after the holiday"),
    ],
)
def test_agency7_a_return_to_work_taken_or_refused_stays_an_act(extract, note, span):
    assert span in {s.text for s in extract(note) if s.type == "agency"}


@pytest.mark.parametrize(
    "note",
    [
        "Hui with client Tama and his nan. Asked Tama to name this time in his life.",
        "Asked Mr Hohepa what he'd call the chapters so far.",
    ],
)
def test_agency7_the_title_exercise_prompt_is_the_writers_act(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


def test_agency7_a_prompt_for_something_else_stays_the_clients_request(extract):
    found = {s.text for s in extract("Asked her sister to babysit on Friday.") if s.type == "agency"}
    assert "Asked her sister to babysit on Friday" in found


@pytest.mark.parametrize(
    "note",
    [
        "She said the thought record helped. She texted Cerys and they're meeting for coffee Saturday.",
        'He talked about his wife. He said they played "Abide With Me" at the funeral and he cried.',
        "Session with Ana. She said they sorted the bills together on Sunday.",
    ],
)
def test_agency7_they_in_a_note_about_she_or_he_is_other_people(extract, note):
    assert not [s for s in extract(note) if s.type == "agency" and s.text.lower().startswith("they")]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "They have been going to the drop-in for showers. They said they got kicked out in October.",
            "They have been going to the drop-in for showers",
        ),
        ('He said "they put me in here" and he wants to go home.', "they put me in here"),
    ],
)
def test_agency7_they_as_the_client_or_as_others_acting_on_the_client_stays(extract, note, span):
    assert span in {s.text for s in extract(note) if s.type == "agency"}


@pytest.mark.parametrize(
    "note",
    [
        'He said, "I didn\'t do anything wrong."',
        "On the URICA he scored in the contemplation stage.",
        "Kasey came in with her mum. Left at 4:10 with her older brother.",
        'Client brought a typed "book of my life" contents page.',
    ],
)
def test_agency7_pleas_measures_and_session_comings_and_goings_are_not_acts(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ('"I did nothing all week."', "I did nothing all week"),
        ("He scored a goal at five-a-side on Saturday.", "He scored a goal at five-a-side on Saturday"),
        ('"I left at 7 and nobody noticed."', "I left at 7"),
        (
            "She brought the baby to the toddler group on Thursday for the first time.",
            "She brought the baby to the toddler group on Thursday for the first time",
        ),
    ],
)
def test_agency7_inactivity_sport_and_steps_taken_stay_acts(extract, note, span):
    assert span in {s.text for s in extract(note) if s.type == "agency"}


def test_agency7_what_others_keep_telling_the_client_is_not_their_control(extract):
    note = 'Pt states his girlfriend "keeps telling me I\'m gonna relapse."'
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            'Pt reports the voices "keep telling me to walk into the sea."',
            'the voices "keep telling me to walk into the sea."',
        ),
        ('"My husband keeps me at home."', "My husband keeps me at home"),
    ],
)
def test_agency7_a_symptom_telling_or_a_person_keeping_stays_external(extract, note, span):
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert span in found
    assert found[span].polarity == "non_agentic"


@pytest.mark.parametrize(
    "note",
    [
        "Client did the life-as-a-book activity.",
        "Client did the life story task today.",
        "Pt fatigued after 40 min, required seated rest.",
    ],
)
def test_agency7_the_life_story_activity_and_the_body_giving_out_are_not_acts(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


def test_agency7_a_life_story_written_at_home_stays_an_act(extract):
    note = "She said she finished her life story at home over the weekend."
    found = {s.text for s in extract(note) if s.type == "agency"}
    assert "she finished her life story at home over the weekend" in found


@pytest.mark.parametrize(
    "note",
    [
        "Letter to my 19-year-old self (written for the trauma group, read aloud in session 8; typed up by "
        "client)\nYou did the best you could.",
        "Journal entry brought to trauma therapy (Belfast), session 18, read aloud by the client\nI went to the "
        "shop today.",
    ],
)
def test_agency7_a_provenance_line_over_a_clients_text_is_not_an_act(extract, note):
    from narrative.extract.voice import author_is_client

    with author_is_client():
        found = [s.text for s in extract(note) if s.type == "agency"]
    assert not [t for t in found if "by" in t.split()]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("I read the letter aloud to my sister on Sunday.", "I read the letter aloud to my sister on Sunday"),
        ("I was brought up by my gran.", "I was brought up by my gran"),
    ],
)
def test_agency7_reading_aloud_and_a_passive_with_a_subject_stay(extract, note, span):
    from narrative.extract.voice import author_is_client

    with author_is_client():
        found = {s.text for s in extract(note) if s.type == "agency"}
    assert span in found


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Checking about two hours a night.", "Checking about two hours a night"),
        ("He reports walks once a week, checking two to three hours.", "checking two to three hours"),
        ("Checking still 2-3 hours a night.", "Checking still 2-3 hours a night"),
    ],
)
def test_agency7_hours_given_to_a_checking_ritual_are_the_compulsion_steering(extract, note, span):
    (found,) = [s for s in extract(note) if s.type == "agency" and s.text == span]
    assert found.polarity == "non_agentic" and "ag.compulsion" in found.evidence


def test_agency7_a_clock_time_is_no_ritual_duration(extract):
    (found,) = [s for s in extract("She checked her emails an hour ago.") if s.type == "agency"]
    assert found.polarity == "agentic"


@pytest.mark.parametrize(
    "note",
    [
        "Checking unchanged.",
        "Checking time on other evenings unchanged.",
        'Checking "same as ever."',
        "Checking persists.",
    ],
)
def test_agency7_a_habit_with_its_status_is_a_finding_not_an_act(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Started walking again.", "Started walking again"),
        (
            "Going to the gym three times a week, which is the same as before.",
            "Going to the gym three times a week, which is the same as before",
        ),
    ],
)
def test_agency7_an_act_with_a_status_after_it_stays_an_act(extract, note, span):
    assert span in {s.text for s in extract(note) if s.type == "agency"}
