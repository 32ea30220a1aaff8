"""Polarity round 3 (issue 3): the cue features of the label, role and past-relative frames, and
ceasing a behaviour as a valence reverser (scripts/RESULTS_polarity3.md)."""

from __future__ import annotations

import pytest

from narrative.extract.polarity import CUE_FEATURES, cue_features
from narrative.extract.valence import text_valence


def _cues(text):
    return dict(zip(CUE_FEATURES, cue_features(text), strict=True))


@pytest.mark.parametrize(
    ("text", "on", "off"),
    [
        # a self set beyond a reductive label (positive in gold whatever the label's words)
        ("I'm more than my bad back", ["beyond_label"], ["done_being", "weary_of"]),
        ("I'm not only a carer", ["beyond_label"], ["past_relative"]),
        ("I'm less of a ghost these days", ["beyond_label"], []),
        ("I'm a ghost", [], ["beyond_label"]),
        # a role renounced against a role resented
        ("I'm done being the perfect son", ["done_being"], ["weary_of"]),
        ("I'm sick of being the strong one", ["weary_of"], ["done_being"]),
        ("I'm fed up with being the patient", ["weary_of"], ["done_being"]),
        # a difficulty told in the past in a relative clause, and its valence
        ("I'm a woman who had awful panic attacks", ["past_relative", "past_relative*negative"], []),
        ("I'm a man who was a good cook", ["past_relative"], ["past_relative*negative"]),
        ("I'm a man who cooks", [], ["past_relative", "past_relative*negative"]),
        # permission given to oneself
        ("I'm allowed to be sad sometimes", ["permission"], ["beyond_label"]),
        ("I'm a sad person", [], ["permission"]),
        # an identity lost, though "anymore" reads as a state left behind
        ("I don't recognise myself anymore", ["identity_loss", "former"], []),
        ("I know who I am now", [], ["identity_loss"]),
    ],
)
def test_polarity3_cue_features_mark_label_role_and_past_frames(text, on, off):
    cues = _cues(text)
    assert all(cues[name] == 1.0 for name in on), cues
    assert all(cues[name] == 0.0 for name in off), cues


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The Part Where I Stop Hiding", 1),  # ceasing a bad behaviour
        ("the year I stopped hiding my arms", 1),
        ("I quit lying to my wife", 1),
        ("I stopped caring about anything", -1),  # ceasing a good one
        ("I want to stop", 0),  # "stop" alone is no put-down
        ("I got through the day full stop", 0),  # dictated punctuation
        ("stood at the bus stop for ten minutes", 0),  # a place, not a ceasing
        ("I'm a perfectionist to the bone", -1),  # a maintaining trait, not praise
        ("I'm good at pretending I'm fine", -1),  # masking, not a skill
        ("I'm good at drawing", 1),
        ("a grey person in a grey life", -1),  # low mood, beside fog and winter
    ],
)
def test_polarity3_text_valence_reads_ceasing_as_a_reverser(text, sign):
    value = text_valence(text)
    assert (value > 0) - (value < 0) == sign


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "span", "type_", "polarity"),
    [
        # a role renounced: the rules flip the role's words ("the good boy": negative); the format /4
        # model kept that
        (
            'He said he is "done being the good boy".',
            'he is "done being the good boy"',
            "self_description",
            "positive",
        ),
        # ceasing a behaviour: the rules read "hiding" alone (negative) before "stop" reversed it
        (
            'Asked for a chapter title she said "The Part Where I Stop Hiding".',
            "The Part Where I Stop Hiding",
            "chapter_title",
            "positive",
        ),
    ],
)
def test_polarity3_bundled_model_reads_renounced_roles_and_ceasing(extract_full, text, span, type_, polarity):
    found = {s.text: s for s in extract_full(text) if s.type == type_}
    assert found[span].polarity == polarity, {k: v.polarity for k, v in found.items()}
