"""Agency rules of issue 3 on the real en_core_web_sm (slow), one construction per row."""

from __future__ import annotations

import pytest

from tests.extract._helpers import spans_by_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Client reports choosing to walk.", "Client reports choosing to walk"),
        (
            "Client reports sticking to the sleep window on 6 of 7 nights.",
            "Client reports sticking to the sleep window on 6 of 7 nights",
        ),
    ],
)
def test_report_frame_with_a_gerund_right_after_it_keeps_the_frame(extract, note, span):
    # the parser hangs the gerund on the frame as "acl" when the frame has a subject
    found = spans_by_text(extract(note), "agency")
    assert span in found
    assert found[span].voice == "reported" and found[span].polarity == "agentic"


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "Skipped the 5-a-side social again – “couldn’t face it.” Texted her mate.",
            "couldn’t face it",
            "non_agentic",
        ),
        (
            'Goals: setback, dropped out of the walking group, "couldn\'t face the small talk."',
            "couldn't face the small talk",
            "non_agentic",
        ),
        ('SMS from client, copied to notes: "sorry. will ring later"', "will ring later", "agentic"),
    ],
)
def test_quoted_fragment_with_its_i_left_out_is_the_clients(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found
    assert found[span].voice == "quoted" and found[span].polarity == polarity


def test_one_word_quotation_is_not_a_fragment(extract):
    note = "Goal 1 – progress: client now describes herself as “a survivor” (intake: “damaged”)."
    assert "damaged" not in spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    "note",
    ["C: I got to the door.", "C: I got out of the car.", "C: I got as far as the line."],
)
def test_getting_oneself_somewhere_is_an_act(extract, note):
    span = note[3:-1]
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "agentic"


@pytest.mark.parametrize("note", ["C: I got into a fight.", "C: I got to the point where I gave up."])
def test_getting_into_a_state_is_not_an_act(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Goals: no change. She has not contacted HR yet.", "She has not contacted HR yet"),
        ("She did not go to the washroom afterwards.", "She did not go to the washroom afterwards"),
    ],
)
def test_clinician_record_of_an_act_not_done_is_agency(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].voice == "clinician"


@pytest.mark.parametrize(
    "note",
    [
        "Grace arrived early, which she has never done before.",
        "He was guarded and did not elaborate.",
    ],
)
def test_clinician_negated_anaphora_and_session_talk_are_not_agency(extract, note):
    found = spans_by_text(extract(note), "agency")
    assert not any("never done" in s or "elaborate" in s for s in found)


@pytest.mark.parametrize(
    "note",
    [
        'Grandson reports he "wanders at night and forgets who we are."',
        'Physio reports he is "doing everything asked of him".',
        'Midwife reports pt "hasn\'t held the baby since yesterday".',
    ],
)
def test_role_noun_read_as_a_name_is_another_speaker(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_unquoted_speech_after_said_colon_runs_to_the_first_third_person_sentence(extract):
    note = (
        "She said her mother-in-law made her stop. She said: I am trying my best. "
        "I bathe the baby myself every morning. She still cannot sleep."
    )
    found = spans_by_text(extract(note), "agency")
    span = "I bathe the baby myself every morning"
    assert span in found and found[span].voice == "quoted"


@pytest.mark.parametrize(
    "note",
    [
        "C: I wore shorts to PE.",
        "C: I waited five minutes at work before washing.",
        "C: I don't wait for permission.",
    ],
)
def test_wearing_and_holding_off_are_acts(extract, note):
    span = note[3:-1]
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "agentic"


def test_still_waiting_is_not_an_act(extract):
    assert not spans_by_text(
        extract("Goals: no change. Still waiting for the sleep clinic referral."), "agency"
    )


@pytest.mark.parametrize(
    "note",
    [
        "C: I stayed in my room for almost one year.",
        'She listened to "Fight Song" on the bus this morning.',
        "C: I answered every question.",
    ],
)
def test_staying_listening_to_and_answering_are_acts(extract, note):
    span = note[3:-1] if note.startswith("C: ") else note[:-1]
    assert span in spans_by_text(extract(note), "agency")


def test_listening_in_session_is_not_an_act(extract):
    assert not spans_by_text(extract("Client listened, nodded."), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            'She said, "I told my supervisor I can\'t keep covering the weekend shifts."',
            "I told my supervisor I can't keep covering the weekend shifts",
        ),
        (
            'He said, "I told him I couldn\'t take the Galway account."',
            "I told him I couldn't take the Galway account",
        ),
    ],
)
def test_telling_someone_something_in_own_words_is_an_act(extract, note, span):
    assert span in spans_by_text(extract(note), "agency")


def test_what_one_would_tell_someone_is_not_an_act(extract):
    assert not spans_by_text(extract('She said, "I\'d tell her she did her best."'), "agency")


@pytest.mark.parametrize("note", ["C: I keep my head down.", "C: I kept my head."])
def test_keeping_something_in_own_words_is_an_act(extract, note):
    assert note[3:-1] in spans_by_text(extract(note), "agency")


def test_plan_to_keep_a_diary_is_not_an_act(extract):
    assert not spans_by_text(extract("Plan agreed. Pt to keep mood diary."), "agency")


@pytest.mark.parametrize(
    "note", ["C: I talk to strangers every day.", "C: Now I ask.", "C: I just said yes."]
)
def test_speaking_up_in_own_words_is_an_act(extract, note):
    found = spans_by_text(extract(note), "agency")
    assert any(note[3:-1].startswith(span) for span in found)


def test_what_one_said_in_a_when_clause_is_not_an_act(extract):
    found = spans_by_text(extract("C: I froze when I said it."), "agency")
    assert "when I said it" not in found
