"""Voice in research corpora that are not notes: podcast and interview transcripts whose analysed
speaker the header names, and forum threads where other users reply to the poster."""

from __future__ import annotations

import pytest


def _selves(extract, text):
    return {s.text: s for s in extract(text) if s.type == "self_description"}


def test_voice_podcast_guest_in_capitals_is_the_client(extract):
    note = (
        "Podcast transcript, ep. 12, guest Dele. Analysed speaker: guest.\n"
        "HOST: So who is Dele?\n"
        "DELE: I'm a dad and I'm a plumber. I used to be the guy who never talked.\n"
        "HOST: I'm the same, honestly."
    )
    found = _selves(extract, note)
    assert found["I'm a dad"].voice == "quoted"
    assert "I used to be the guy who never talked" in found
    assert "I'm the same" not in found


def test_voice_radio_narrator_in_capitals_is_the_client(extract):
    note = "Radio documentary transcript. Narrator: Maureen, 71.\nMAUREEN: I'm a tough old bird, everyone says so."
    assert "I'm a tough old bird" in _selves(extract, note)


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("Interview, men's health study, participant TM-02 (M, 38). Interviewer: Michael.", "TM-02"),
        ("Interview transcript (Bristol), Participant 14 (F, 52). Interviewer = INT.", "P14"),
        ("Interview transcript (Chennai), Participant 12 (M, 22). Interviewer: R.S.", "Participant 12"),
        ("Interview transcript. Interviewer: KL. Participant: Farmer 4 (M, 61).", "Farmer 4"),
        ("Interview, youth wellbeing study, participant F3 (18). R = researcher; F3 = participant.", "F3"),
    ],
)
def test_voice_a_participant_code_label_is_the_client(extract, header, label):
    note = f"{header}\nInterviewer: And now?\n{label}: I'm a grafter, always have been. I go to the pool on Tuesdays."
    assert _selves(extract, note)["I'm a grafter"].voice == "quoted"


def test_voice_another_participant_code_is_not_the_client(extract):
    note = "Focus group, participant 14 analysed.\nP14: I'm a grafter.\nP9: I'm a terrible son."
    found = _selves(extract, note)
    assert "I'm a grafter" in found
    assert "I'm a terrible son" not in found


def test_voice_follow_up_label_is_no_participant_code(extract):
    note = 'Participant 3 seen at clinic.\nFollow-up: she said she is "a fighter".'
    assert all(s.voice != "quoted" for s in extract(note))


def _author(extract, text):
    from narrative.extract.voice import author_is_client

    with author_is_client():
        return _selves(extract, text)


def test_voice_forum_replies_are_other_people(extract):
    post = (
        "[Recovery forum · thread #12 · analysed author: OP]\n"
        "OP (sam_k): I'm an alcoholic and today I'm 30 days sober.\n"
        "Reply (kiwimum71): I'm 3 yrs sober and I was a wreck back then.\n"
        "— Reply from Bazza63: I was a mess for two years.\n"
        "Comment (member 0457): I'm a shadow of who I was."
    )
    found = _author(extract, post)
    assert any(text.endswith("I'm an alcoholic") for text in found)
    assert not {"I was a wreck back then", "I was a mess for two years", "I'm a shadow of who I was"} & set(
        found
    )


def test_voice_forum_handles_other_than_the_poster_are_other_people(extract):
    post = (
        "[Chronic pain forum · analysed author: OP = fibro_fi]\n"
        "fibro_fi: does it get better\n"
        "painwarrior88: I'm a fighter, you have to push through\n"
        "fibro_fi: i'm not a fighter, i'm just a person who's tired of pushing"
    )
    found = _author(extract, post)
    assert "I'm a fighter" not in found
    assert any(text.startswith("i'm not a fighter") for text in found)


def test_voice_journal_labels_stay_the_writers(extract):
    # no poster named: labelled lines of a diary are the writer's own
    entry = "Diary, week 3.\nMorning_2: I'm someone who gets up now.\nComment: I'm proud of myself."
    found = _author(extract, entry)
    assert "I'm someone who gets up now" in found
    assert any(text.endswith("I'm proud of myself") for text in found)


def test_a_question_typed_without_its_mark_is_a_question(extract):
    post = (
        "does it ever get better\nam i just going to be like this forever\ni'm going to try the pool tomorrow"
    )
    from narrative.extract.voice import author_is_client

    with author_is_client():
        found = [s.text for s in extract(post)]
    assert not any(text.startswith("am i") for text in found)


@pytest.mark.parametrize(
    ("note", "spans"),
    [
        (
            '02:15 Awake, tearful. Said "I\'m not safe tonight" and "I\'m just a burden to everyone."',
            ["I'm just a burden to everyone"],
        ),
        (
            'Post-meal: said "I have to finish it", "I\'m still the girl who can\'t eat a sandwich" and '
            '"I\'m more than this illness, I know I am."',
            ["I'm still the girl who can't eat a sandwich", "I'm more than this illness"],
        ),
        (
            'On the trunk (skills): "I\'m loyal", "I\'m funny", "I can draw anything".',
            ["I'm loyal", "I'm funny"],
        ),
    ],
)
def test_voice_a_list_of_quotations_is_one_speakers(extract, note, spans):
    found = _selves(extract, note)
    for span in spans:
        assert found[span].voice == "quoted"


def test_voice_a_log_time_is_no_speaker(extract):
    note = '02:50 Said "I\'m a burden to everyone here."'
    assert _selves(extract, note)["I'm a burden to everyone here"].voice == "quoted"


def test_voice_a_listed_quotation_keeps_another_speakers_voice(extract):
    note = 'Mum said "he\'s a good lad" and "I\'m a useless mother."'
    assert "I'm a useless mother" not in _selves(extract, note)


def test_voice_a_quotation_after_a_colon_is_no_list_item(extract):
    note = (
        "He corrected me when I said “your schizophrenia”: “I’m a person with schizophrenia, not a "
        "schizophrenic.”"
    )
    assert "I’m a person with schizophrenia, not a schizophrenic" in _selves(extract, note)


def test_voice_a_named_member_after_a_session_label_is_not_the_client(extract):
    note = (
        'Group session 4: J. (not this client) said "I\'m a failure, full stop." Client offered J. support.'
    )
    assert "I'm a failure, full stop" not in _selves(extract, note)


def test_listed_stuck_points_are_mentions(extract):
    note = "Stuck points listed: ‘It was my fault because I went back to his flat’; ‘I can’t trust my own judgement’."
    assert not [s.text for s in extract(note) if s.type in ("agency", "self_description")]


def test_a_bracketed_first_line_over_a_post_is_a_record_header(extract):
    from narrative.extract.voice import author_is_client

    post = (
        "[OCD support forum · post by jules_contamination (Portland, OR) · flair: ERP wins]\n"
        "I touched the bin and didn't wash my hands for an hour."
    )
    with author_is_client():
        found = [s.text for s in extract(post) if s.type == "agency"]
    assert not any("forum" in text for text in found)
    assert any(text.startswith("I touched the bin") for text in found)


def test_a_moderators_reply_under_a_role_label_is_another_persons(extract):
    from narrative.extract.voice import author_is_client

    post = (
        "[OCD support forum · post by jules_c]\n"
        "jules_c: I'm not my thoughts.\n"
        "MOD (ocd_mod_ben): Awesome job! I'm a fellow OCDer and I'm a nurse."
    )
    with author_is_client():
        found = [s.text for s in extract(post) if s.type == "self_description"]
    assert not any("nurse" in text or "OCDer" in text for text in found)
