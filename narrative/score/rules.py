"""Rule features and rule scores of one text (no model needed).

:func:`rule_features` returns a flat ``{name: float}`` mapping used three ways:
as evidence in :class:`~narrative.types.ScoredStatement`, as inputs to the
trained agency model (``models/agency/model.json`` lists the names it uses),
and for the rule halves of the agency and self-regard scores:

    agency_rule      = tanh(sum of volition, ability, obligation, external_control, passivity cue values)
    self_regard_rule = tanh(sum of critical_self, accepting_self, curious_self, critical_talk cue values)
    talk_rule        = tanh(sum of change_cue and sustain_cue values)

Cue values already carry negation flips and hedge damping
(:func:`narrative.score.lexicon.match_cues`).
"""

from __future__ import annotations

import math
import re

from .lexicon import (
    AGENCY_LABELS,
    LABELS,
    SELF_REGARD_LABELS,
    TALK_LABELS,
    CueMatch,
    Lexicon,
    client_reading,
    default_lexicon,
    lexical_features,
    match_cues,
    normalize,
)

_I_SUBJECT = re.compile(
    r"(?:^|[,;:.!?] |\b(?:and|but|so|then|when|because|after|before) )i (?!am being|was being)"
)
_ME_OBJECT = re.compile(r"\b(?:me|us)\b")
_MY_START = re.compile(r"^(?:my|our|the|a|an|his|her|their)\b")
_OTHER_SUBJECT = re.compile(
    r"^(?:my|our|his|her|their) \w+(?: \w+)? (?:was|were|got|is|has|had|did|came|made|gave|bought|surprised|told|called|took)\b"
)

RULE_FEATURE_NAMES: tuple[str, ...] = (
    *(f"cue_{label}" for label in LABELS),
    "agency_rule",
    "self_regard_rule",
    "talk_rule",
    "n_agency_cues",
    "n_self_regard_cues",
    "i_subject",
    "me_object",
    "other_subject",
    "starts_with_determiner",
    "n_tokens",
    "absolutist_rate",
    "first_person_rate",
    "hedge_count",
    "negation_count",
    "temporal_past",
    "temporal_present",
    "temporal_future",
)


def rule_features(
    text: str,
    *,
    lexicon: Lexicon | None = None,
    negation_factor: float = 0.5,
    hedge_factor: float = 0.6,
    client_view: bool = True,
) -> tuple[dict[str, float], list[CueMatch]]:
    """Rule features of ``text`` (keys :data:`RULE_FEATURE_NAMES`) and the cue matches behind them.

    With ``client_view`` a third-person report about the client is read in the
    first person first (:func:`narrative.score.lexicon.client_reading`).
    """
    lex = lexicon or default_lexicon()
    norm = client_reading(normalize(text)) if client_view else normalize(text)
    matches = match_cues(
        norm, lexicon=lex, negation_factor=negation_factor, hedge_factor=hedge_factor, normalized=True
    )
    sums = dict.fromkeys(LABELS, 0.0)
    for m in matches:
        sums[m.label] += m.value
    feats: dict[str, float] = {f"cue_{k}": v for k, v in sums.items()}
    feats["agency_rule"] = math.tanh(sum(sums[k] for k in AGENCY_LABELS))
    feats["self_regard_rule"] = math.tanh(sum(sums[k] for k in SELF_REGARD_LABELS))
    feats["talk_rule"] = math.tanh(sum(sums[k] for k in TALK_LABELS))
    feats["n_agency_cues"] = float(sum(m.label in AGENCY_LABELS for m in matches))
    feats["n_self_regard_cues"] = float(sum(m.label in SELF_REGARD_LABELS for m in matches))
    feats["i_subject"] = float(bool(_I_SUBJECT.search(norm)))
    feats["me_object"] = float(len(_ME_OBJECT.findall(norm)))
    feats["other_subject"] = float(bool(_OTHER_SUBJECT.search(norm)))
    feats["starts_with_determiner"] = float(bool(_MY_START.search(norm)))
    feats.update(lexical_features(norm, lexicon=lex, normalized=True))
    return feats, matches
