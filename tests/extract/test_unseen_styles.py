"""Self-descriptions in note styles the rules met late (slow: real en_core_web_sm): who speaks a
quotation (a subjectless "Said:", a quoted turn in a couple's session, a bracketed or handle-labelled
chat turn, a letter copied to the GP), when a quotation is a mention, and three self-description
forms (becoming a trait, ending up being someone, not being done)."""

from __future__ import annotations

import pytest

from tests.extract._helpers import spans_by_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            'Voice diary reviewed. Says he went out even though the voice said "they\'ll laugh at you". '
            "\"I'm not a coward. I'm a man who hears voices.\" Belief in the voice: 60%.",
            "I'm not a coward",
        ),
        (
            'Sessions reviewed. "I\'m someone who keeps going." Story of the week: the bus trip.',
            "I'm someone who keeps going",
        ),
    ],
)
def test_unseen_styles_quotation_closing_its_sentence_is_no_mention_of_the_next_noun(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


def test_unseen_styles_quotation_before_a_mention_noun_stays_a_mention(extract):
    note = 'We looked at how the "I\'m a fraud" story shows up at work.'
    assert not spans_by_text(extract(note), "self_description")


def test_unseen_styles_subjectless_said_colon_is_no_speaker_name(extract):
    note = (
        "Recovery group, Thursday. Identified client: Ger. Present: 7.\n"
        'Check-in: Ger 30 days sober. Said he "went to the wedding and drank water". '
        'Said: "I\'m an alcoholic who turns up." P. shared that she relapsed.'
    )
    assert "I'm an alcoholic who turns up" in spans_by_text(extract(note), "self_description")


def test_unseen_styles_named_speaker_label_is_still_another_person(extract):
    note = (
        "Couples session. File: Declan (partner Aoife attends).\n"
        'Aoife said she is tired. Aoife: "I\'m a terrible wife." Declan nodded.'
    )
    assert not spans_by_text(extract(note), "self_description")


def test_unseen_styles_quoted_turn_ends_with_its_quotation(extract):
    note = (
        "Couples therapy, session 3. File: Declan (partner Aoife attends).\n"
        'Aoife said Declan "always makes me feel like I\'m the crazy one". Declan: "I\'m not a bad husband, '
        'I\'m a bad communicator." He said he sees himself as "a good provider, always have been". He said he '
        '"can\'t stand" it when she brings up his drinking. Aoife: "Am I not allowed to mention it?"'
    )
    found = spans_by_text(extract(note), "self_description")
    assert any(text.startswith("he sees himself as") for text in found)


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Text counselling transcript. Labels: [client] / [counsellor].\n"
            "[client] i am the black sheep of my family honestly\n"
            "[counsellor] That sounds hard. What helped today?",
            "i am the black sheep of my family honestly",
        ),
        (
            'Crisis text line follow-up, transcript; client handle "sky_22".\n'
            "sky_22: im a mess but im not weak\n"
            "counsellor: what would help you feel safer?",
            "im not weak",
        ),
    ],
)
def test_unseen_styles_chat_turns_labelled_by_role_or_handle_are_the_client_s(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


def test_unseen_styles_bracketed_status_tag_is_no_speaker(extract):
    note = "Review.\n[progress] I am a good mum.\n"
    assert "I am a good mum" not in {
        s.text for s in extract(note) if s.type == "self_description" and s.voice == "quoted"
    }


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "End-of-treatment letter (Talking Therapies), copied to GP.\nDear Aisha,\n"
            'When we first met you told me that you were "the weak one" in your family.',
            'you were "the weak one" in your family',
        ),
        (
            "Closing letter to client.\nDear Mitch,\nBy the end you were saying, "
            '"I\'m a decent dad." I hope you keep going.',
            "I'm a decent dad",
        ),
    ],
)
def test_unseen_styles_letter_to_the_client_reports_the_client_s_words(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


def test_unseen_styles_her_favourite_saying_stays_a_mention(extract):
    note = 'Her favourite saying, "I am the storm", was on the fridge.'
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ('He said, "I\'m getting braver."', "I'm getting braver"),
        ('"I think I\'m actually getting stronger," she said.', "I think I'm actually getting stronger"),
    ],
)
def test_unseen_styles_getting_a_trait_is_a_self_description(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    "note",
    [
        'She said, "I\'m getting calmer."',
        'He said, "It\'s getting harder."',
        'She said, "I\'m getting tired."',
    ],
)
def test_unseen_styles_getting_a_state_is_not(extract, note):
    assert not spans_by_text(extract(note), "self_description")


def test_unseen_styles_ending_up_being_someone_is_a_self_description(extract):
    note = 'Fionnuala said, "I always end up being the group\'s mammy."'
    assert "I always end up being the group's mammy" in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "found"),
    [
        ('He said, "I\'m not done yet."', True),
        ('She said, "I\'m not done with the forms yet."', False),
    ],
)
def test_unseen_styles_not_done_yet_is_a_survival_claim(extract, note, found):
    assert bool(spans_by_text(extract(note), "self_description")) is found


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            'Attended 2 of 3. Said, through interpreter, that he was "a strong man at home".',
            'he was "a strong man at home"',
        ),
        (
            'Has been quiet. Conceded he is "not great at the people stuff."',
            'he is "not great at the people stuff."',
        ),
    ],
)
def test_unseen_styles_fragment_reporting_verb_the_tagger_misread_is_a_frame(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


def test_unseen_styles_second_reporting_verb_after_a_comma_is_a_frame(extract):
    note = 'Client disagreed, said she feels like "a different woman" since she started the group.'
    assert any(
        text.startswith('she feels like "a different woman"')
        for text in spans_by_text(extract(note), "self_description")
    )


def test_unseen_styles_time_phrase_read_as_object_keeps_the_self_view(extract):
    note = 'Pt is a paramedic. Says he feels like a fraud "every single shift".'
    assert any(
        text.startswith("he feels like a fraud") for text in spans_by_text(extract(note), "self_description")
    )


def test_unseen_styles_first_initial_of_the_client_is_the_client(extract):
    note = 'Recovery review. Pt: K.A., 20.\nIdentity: K. said "I used to think I was the chosen one."'
    assert spans_by_text(extract(note), "self_description")


def test_unseen_styles_another_member_s_initial_is_not_the_client(extract):
    note = 'Recovery group. Pt: K.A., 20.\nR. said "I\'m a terrible father."'
    assert not spans_by_text(extract(note), "self_description")


def test_unseen_styles_quotation_after_client_label_inside_a_line_is_the_client_s(extract):
    note = (
        "Group notes for client R.M.\n"
        'Another member, J., said he is still "in the Rock Bottom chapter." R.M.: "I was the bloke everyone '
        'avoided."'
    )
    assert "I was the bloke everyone avoided" in spans_by_text(extract(note), "self_description")


def test_unseen_styles_clause_under_fronted_preposition_root_is_reached(extract):
    note = 'Self-perception: Setback. After the redundancy letter he described himself as "useless".'
    assert any(
        text.startswith("he described himself as")
        for text in spans_by_text(extract(note), "self_description")
    )


@pytest.mark.parametrize(
    "note",
    [
        'Perinatal mental health, home visit, baby 9 wks. Mum said, "I\'m not a natural mother."',
        'Perinatal MH team - home visit.\nMum: "Now I\'m the kind of mum who cries in the shop."',
    ],
)
def test_unseen_styles_mum_in_a_perinatal_note_is_the_client(extract, note):
    assert spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    "note",
    [
        'CAMHS family session. Mum said, "I\'m a terrible mother."',
        'Perinatal mental health, home visit. Her mum said, "I\'m a terrible grandmother."',
    ],
)
def test_unseen_styles_mum_elsewhere_is_another_person(extract, note):
    assert not spans_by_text(extract(note), "self_description")
