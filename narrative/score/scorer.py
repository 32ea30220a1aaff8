"""Statement scores: agency, self-regard, talk type and the narrative composite.

How each score is made (every score lies in [-1, 1]; weights are in the
``score`` config section):

agency
    A blend of three parts, each in [-1, 1]:
    ``model`` = 2 * sigmoid(logit / T) - 1 from the trained agency classifier
    (``models/agency``: logistic regression over the MiniLM embedding and the
    rule features, trained on CL-Aff and the therapy-language anchors; a model
    folder may add a stacked TF-IDF word n-gram part or a stacked gradient-boosted
    trees part, see :mod:`.models`), so 0 is its decision point;
    ``rule`` = tanh(sum of agency cue values: volition, ability, obligation,
    external control, passivity; negation flips and hedges damp a cue);
    ``polarity`` = +1 / -1 / 0 for the extractor's agentic / non_agentic / mixed.
    ``agency = (w_model*model + w_rule*rule*[any agency cue] + w_pol*polarity*[has polarity])
    / (w_model + w_rule*[any agency cue] + w_pol*[has polarity])``.
self_regard
    The same blend with ``rule`` = tanh(sum of critical / accepting / curious
    self-talk cue values), ``model`` = p(accepting) - p(critical) from the pointwise
    self-regard classifier (``models/self_regard``: multinomial logistic regression
    over the MiniLM embedding and the self-regard rule features, classes critical /
    neutral / accepting, trained on positive-frames originals vs reframes, the
    hand-written anchors in ``corpora/anchors`` and the gold dev self-descriptions,
    temperature-calibrated; 0 is its decision point and neutral statements sit near 0), and
    ``polarity`` = +1 / -1 / 0 for a self-description's positive / negative /
    neutral polarity.
talk_type
    ``models/talk_type`` (multinomial logistic regression over the statement's
    embedding, the previous turn's embedding and a has-context flag, stacked
    with a TF-IDF word n-gram logistic regression over the statement's text,
    trained on AnnoMI client utterances) gives p_change / p_neutral / p_sustain.
narrative_score
    ``(w_a*agency + w_s*self_regard + w_c*(p_change - p_sustain)) / (w_a + w_s + w_c)``.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .. import errors
from ..types import ScoredStatement, Statement
from .encoder import Encoder, SentenceEncoder
from .lexicon import AGENCY_LABELS, SELF_REGARD_LABELS, Lexicon, load_lexicon
from .models import ArrayModel, assemble, load_model
from .rules import RULE_FEATURE_NAMES, rule_features
from .settings import SCORER_VERSION, ScoreSettings, models_dir, score_settings

logger = logging.getLogger(__name__)

TALK_CLASSES = ("change", "neutral", "sustain")
AGENCY_CLASSES = ("non_agentic", "agentic")
SELF_REGARD_CLASSES = ("critical", "neutral", "accepting")
AGENCY_POLARITY = {"agentic": 1.0, "non_agentic": -1.0, "mixed": 0.0}
VALENCE_POLARITY = {"positive": 1.0, "negative": -1.0, "neutral": 0.0}
MODEL_NAMES = ("agency", "talk_type", "self_regard")
NARRATIVE_PARTS = ("agency", "self_regard", "change_talk")


def _blend(parts: Sequence[tuple[float, float, bool]]) -> float:
    """Weighted mean of (value, weight, present) parts, clipped to [-1, 1]."""
    num = sum(v * w for v, w, on in parts if on)
    den = sum(w for _, w, on in parts if on)
    return float(np.clip(num / den, -1.0, 1.0)) if den > 0 else 0.0


def _statement_text(st: Statement) -> str:
    return st.normalized or st.text


class EstimatorParams:
    """``get_params`` / ``set_params`` of the scikit-learn estimator contract.

    The parameters are the keyword arguments of ``__init__``, stored under their own
    names. This is the part of ``sklearn.base.BaseEstimator`` the scorer uses
    (``sklearn.base.clone`` works on it); importing scikit-learn instead would add
    about 0.9 s to every run, since nothing else at run time needs it.
    """

    @classmethod
    def _param_names(cls) -> list[str]:
        params = inspect.signature(cls.__init__).parameters.values()
        return sorted(p.name for p in params if p.name != "self" and p.kind is not p.VAR_KEYWORD)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The ``__init__`` parameters and their values (``deep`` is accepted; no parameter is an estimator)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> EstimatorParams:
        """Set ``__init__`` parameters by name; return ``self``."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for {type(self).__name__}; expected one of {', '.join(valid)}."
                )
            setattr(self, name, value)
        return self


class StatementScorer(EstimatorParams):
    """Scores statements; a scikit-learn style estimator whose ``fit`` loads the trained parts.

    Args:
        encoder: an :class:`~narrative.score.encoder.Encoder`; ``None`` builds a
            :class:`SentenceEncoder` from ``embedding_config`` at ``fit``.
        embedding_config: full configuration mapping for the encoder (``models`` section).
        models_dir: folder of the trained artifacts (``None`` = the bundled ``models/``).
        negation_factor, hedge_factor: cue value multipliers (see :mod:`.lexicon`).
        agency_temperature: the agency classifier's logit is divided by this
            before squashing (CL-Aff makes it over-confident on therapy language).
        agency_weights, self_regard_weights: ``{"rule", "model", "polarity"}`` blend weights.
        narrative_weights: ``{"agency", "self_regard", "change_talk"}`` composite weights.
        lexicon_path, patterns_path: override the packaged word lists / cue patterns.

    Learned / loaded attributes (set by :meth:`fit`): ``lexicon_``, ``encoder_``,
    ``agency_model_``, ``talk_model_``, ``self_regard_model_``.
    """

    def __init__(
        self,
        *,
        encoder: Encoder | None = None,
        embedding_config: Mapping[str, Any] | None = None,
        models_dir: str | Path | None = None,
        negation_factor: float = 0.5,
        hedge_factor: float = 0.6,
        agency_temperature: float = 3.0,
        agency_weights: Mapping[str, float] | None = None,
        self_regard_weights: Mapping[str, float] | None = None,
        narrative_weights: Mapping[str, float] | None = None,
        lexicon_path: str | Path | None = None,
        patterns_path: str | Path | None = None,
    ) -> None:
        self.encoder = encoder
        self.embedding_config = embedding_config
        self.models_dir = models_dir
        self.negation_factor = negation_factor
        self.hedge_factor = hedge_factor
        self.agency_temperature = agency_temperature
        self.agency_weights = agency_weights
        self.self_regard_weights = self_regard_weights
        self.narrative_weights = narrative_weights
        self.lexicon_path = lexicon_path
        self.patterns_path = patterns_path

    # ------------------------------------------------------------------ build
    @classmethod
    def load(
        cls, config: Mapping[str, Any] | None = None, *, encoder: Encoder | None = None
    ) -> StatementScorer:
        """A fitted scorer from a full configuration (``None`` = packaged defaults)."""
        if config is None:
            from ..config import default_config

            config = default_config()
        s: ScoreSettings = score_settings(config)
        if s.version != SCORER_VERSION:
            raise errors.ConfigError(
                errors.score_config_invalid_msg(
                    f"score.version {s.version!r}; this build provides {SCORER_VERSION!r}"
                )
            )
        scorer = cls(
            encoder=encoder,
            embedding_config=config,
            models_dir=models_dir(s),
            negation_factor=s.negation_factor,
            hedge_factor=s.hedge_factor,
            agency_temperature=s.agency_temperature,
            agency_weights=s.agency.model_dump(),
            self_regard_weights=s.self_regard.model_dump(),
            narrative_weights=s.narrative_weights.model_dump(),
        )
        return scorer.fit()

    def fit(self, X: Any = None, y: Any = None) -> StatementScorer:
        """Load the lexicon, the encoder and the trained models; return ``self``.

        The models are trained by ``scripts/train_*.py``; ``X`` and ``y`` are
        accepted for the estimator contract and ignored.
        """
        folder = Path(self.models_dir) if self.models_dir is not None else models_dir(ScoreSettings())
        self.lexicon_: Lexicon = load_lexicon(
            Path(self.lexicon_path) if self.lexicon_path else None,
            Path(self.patterns_path) if self.patterns_path else None,
        )
        self.encoder_: Encoder = (
            self.encoder if self.encoder is not None else SentenceEncoder(self.embedding_config)
        )
        self.agency_model_: ArrayModel = load_model(folder / "agency", name="agency")
        self.talk_model_: ArrayModel = load_model(folder / "talk_type", name="talk_type")
        self.self_regard_model_: ArrayModel = load_model(folder / "self_regard", name="self_regard")
        for name, model, classes in (
            ("talk_type", self.talk_model_, TALK_CLASSES),
            ("agency", self.agency_model_, AGENCY_CLASSES),
            ("self_regard", self.self_regard_model_, SELF_REGARD_CLASSES),
        ):
            if list(model.classes) != list(classes):
                raise errors.ModelError(
                    errors.score_artifact_invalid_msg(
                        name, str(folder / name), f"classes {model.classes}, expected {list(classes)}"
                    )
                )
        self.agency_w_ = {"rule": 0.5, "model": 0.5, "polarity": 0.3, **dict(self.agency_weights or {})}
        self.self_regard_w_ = {
            "rule": 0.6,
            "model": 0.4,
            "polarity": 0.3,
            **dict(self.self_regard_weights or {}),
        }
        self.narrative_w_ = {
            "agency": 0.35,
            "self_regard": 0.4,
            "change_talk": 0.25,
            **dict(self.narrative_weights or {}),
        }
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "talk_model_"):
            self.fit()

    # ------------------------------------------------------------------ core
    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0))
        emb = np.asarray(self.encoder_.encode(list(texts)), dtype=np.float64)
        if emb.ndim != 2 or emb.shape[0] != len(texts):
            raise errors.ModelError(errors.score_encoder_shape_msg(tuple(emb.shape), len(texts)))
        return emb

    def _score_core(
        self,
        texts: Sequence[str],
        contexts: Sequence[str | None],
        agency_polarity: Sequence[float | None],
        valence_polarity: Sequence[float | None],
        extract_hedged: Sequence[bool] | None = None,
        statement_types: Sequence[str | None] | None = None,
    ) -> list[dict[str, Any]]:
        self._check_fitted()
        n = len(texts)
        if n == 0:
            return []
        ctx_present = [bool(c and c.strip()) for c in contexts]
        ctx_texts = [c for c, on in zip(contexts, ctx_present, strict=True) if on]
        emb = self._encode(list(texts))
        ctx_emb = np.zeros_like(emb)
        if ctx_texts:
            ctx_emb[np.array(ctx_present)] = self._encode(ctx_texts)
        rule_rows = []
        cue_rows = []
        for t in texts:
            feats, matches = rule_features(
                t, lexicon=self.lexicon_, negation_factor=self.negation_factor, hedge_factor=self.hedge_factor
            )
            rule_rows.append(feats)
            cue_rows.append(matches)
        rules = {name: np.array([r[name] for r in rule_rows]) for name in RULE_FEATURE_NAMES}
        has_ctx = np.array(ctx_present, dtype=float)

        agency_logit = self.agency_model_.decision(
            assemble(self.agency_model_, text=emb, context=ctx_emb, has_context=has_ctx, rules=rules),
            texts=texts,
        ).reshape(-1)
        p_talk = self.talk_model_.predict_proba(
            assemble(self.talk_model_, text=emb, context=ctx_emb, has_context=has_ctx, rules=rules),
            texts=texts,
        )
        p_regard = self.self_regard_model_.predict_proba(
            assemble(self.self_regard_model_, text=emb, context=ctx_emb, has_context=has_ctx, rules=rules),
            texts=texts,
        )
        # p(accepting) - p(critical): 0 at the decision point, near 0 when neutral is likely
        regard_balance = p_regard[:, 2] - p_regard[:, 0]

        aw, sw, nw = self.agency_w_, self.self_regard_w_, self.narrative_w_
        out: list[dict[str, Any]] = []
        for i in range(n):
            feats = rule_rows[i]
            # 2 * sigmoid(logit / T) - 1 == tanh(logit / 2T): 0 at the decision point
            a_model = float(np.tanh(agency_logit[i] / (2.0 * self.agency_temperature)))
            a_rule = feats["agency_rule"]
            s_rule = feats["self_regard_rule"]
            if extract_hedged is not None and extract_hedged[i] and not any(m.hedged for m in cue_rows[i]):
                # the extractor saw a hedge our own word list missed: damp the rule parts once
                a_rule *= self.hedge_factor
                s_rule *= self.hedge_factor
            a_on = feats["n_agency_cues"] > 0
            a_pol = agency_polarity[i]
            agency = _blend(
                [
                    (a_model, aw["model"], True),
                    (a_rule, aw["rule"], a_on),
                    (a_pol if a_pol is not None else 0.0, aw["polarity"], a_pol is not None),
                ]
            )
            s_model = float(regard_balance[i])
            s_on = feats["n_self_regard_cues"] > 0
            s_pol = valence_polarity[i]
            self_regard = _blend(
                [
                    (s_model, sw["model"], True),
                    (s_rule, sw["rule"], s_on),
                    (s_pol if s_pol is not None else 0.0, sw["polarity"], s_pol is not None),
                ]
            )
            pc, pn, ps = (float(v) for v in p_talk[i])
            change_balance = pc - ps
            # The composite reads the parts a statement speaks to: an extracted agency
            # span ("I chose to ring him") says nothing about self-regard unless a
            # self-regard cue fired in it, a self-description ("I'm not a failure")
            # nothing about agency unless an agency cue fired; plain texts use all parts.
            kind = statement_types[i] if statement_types is not None else None
            use_agency = kind != "self_description" or a_on
            use_regard = kind != "agency" or s_on
            parts = [
                (agency, nw["agency"], use_agency),
                (self_regard, nw["self_regard"], use_regard),
                (change_balance, nw["change_talk"], True),
            ]
            if sum(w for _, w, on in parts if on) <= 0:
                parts = [(v, w, True) for v, w, _ in parts]
            narrative = float(np.clip(_blend(parts), -1, 1))
            talk_type = TALK_CLASSES[int(np.argmax(p_talk[i]))]
            evidence = {
                "scorer": SCORER_VERSION,
                "agency_parts": {
                    "model": round(a_model, 4),
                    "rule": round(a_rule, 4) if a_on else None,
                    "polarity": a_pol,
                },
                "self_regard_parts": {
                    "model": round(s_model, 4),
                    "rule": round(s_rule, 4) if s_on else None,
                    "polarity": s_pol,
                },
                "change_talk_balance": round(change_balance, 4),
                "narrative_parts": [
                    name for name, (_, _, on) in zip(NARRATIVE_PARTS, parts, strict=True) if on
                ],
                "used_context": bool(ctx_present[i]),
                "cues": [
                    {
                        "id": m.id,
                        "label": m.label,
                        "value": round(m.value, 3),
                        "negated": m.negated,
                        "hedged": m.hedged,
                    }
                    for m in cue_rows[i]
                ],
                "agency_cues": [m.id for m in cue_rows[i] if m.label in AGENCY_LABELS],
                "self_regard_cues": [m.id for m in cue_rows[i] if m.label in SELF_REGARD_LABELS],
            }
            out.append(
                {
                    "agency": round(agency, 6),
                    "self_regard": round(self_regard, 6),
                    "narrative_score": round(narrative, 6),
                    "talk_type": talk_type,
                    "p_change": round(pc, 6),
                    "p_neutral": round(pn, 6),
                    "p_sustain": round(ps, 6),
                    "evidence": evidence,
                    "features": {k: round(float(v), 6) for k, v in feats.items()},
                }
            )
        return out

    # ------------------------------------------------------------------ API
    def score_texts(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[dict[str, Any]]:
        """Score plain texts (optionally each with its previous turn as context).

        Returns one dict per text with keys agency, self_regard, narrative_score,
        talk_type, p_change, p_neutral, p_sustain, evidence (the lexical and rule
        features are in ``evidence["features"]``).
        """
        texts = list(texts)
        if contexts is None:
            contexts = [None] * len(texts)
        elif len(contexts) != len(texts):
            raise errors.InputError(errors.score_contexts_length_msg(len(texts), len(contexts)))
        rows = self._score_core(texts, list(contexts), [None] * len(texts), [None] * len(texts))
        for row in rows:
            row["evidence"]["features"] = row.pop("features")
        return rows

    def score(self, statements: Sequence[Statement]) -> list[ScoredStatement]:
        """Score extracted statements; one :class:`ScoredStatement` per statement, same order."""
        statements = list(statements)
        texts = [_statement_text(st) for st in statements]
        contexts = [
            st.attrs.get("previous") if isinstance(st.attrs.get("previous"), str) else None
            for st in statements
        ]
        a_pol = [AGENCY_POLARITY.get(st.polarity) if st.type == "agency" else None for st in statements]
        v_pol = [
            VALENCE_POLARITY.get(st.polarity) if st.type == "self_description" else None for st in statements
        ]
        hedged = [st.attrs.get("hedged") is True for st in statements]
        rows = self._score_core(texts, contexts, a_pol, v_pol, hedged, [st.type for st in statements])
        out: list[ScoredStatement] = []
        for st, row in zip(statements, rows, strict=True):
            evidence = dict(row["evidence"])
            evidence["extract_attrs"] = {
                k: st.attrs[k]
                for k in ("negated", "hedged", "temporal", "cues", "label_kind")
                if k in st.attrs
            }
            features = dict(row["features"])
            if st.attrs.get("hedged") is True:
                features["extract_hedged"] = 1.0
            if st.attrs.get("negated") is True:
                features["extract_negated"] = 1.0
            out.append(
                ScoredStatement(
                    statement_id=st.statement_id,
                    note_id=st.note_id,
                    client_id=st.client_id,
                    type=st.type,
                    voice=st.voice,
                    agency=row["agency"],
                    self_regard=row["self_regard"],
                    narrative_score=row["narrative_score"],
                    talk_type=row["talk_type"],
                    p_change=row["p_change"],
                    p_neutral=row["p_neutral"],
                    p_sustain=row["p_sustain"],
                    session=st.session,
                    date=st.date,
                    text=st.text,
                    features=features,
                    evidence=evidence,
                )
            )
        logger.debug("scored %d statements", len(out))
        return out
