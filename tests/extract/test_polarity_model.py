"""The learned polarity of self-descriptions and titles (narrative.extract.polarity)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from narrative.errors import ModelError
from narrative.extract.polarity import (
    CONTEXT_FEATURES,
    CUE_FEATURES,
    EVIDENCE,
    FORMAT,
    RULE_FEATURES,
    PolarityModel,
    bundled_model_dir,
    cue_features,
    resolve_model_dir,
    rule_features,
    title_context_features,
)

N_EXTRA = len(RULE_FEATURES) + len(CUE_FEATURES) + len(CONTEXT_FEATURES)
NO_CONTEXT = [0.0] * len(CONTEXT_FEATURES)

TEXTS = [
    "I am the glue in this family",
    "I'm a failure, a FAILURE, a failure",
    "I am a failure at work and a failure at home, a total failure",  # repeated terms: sublinear tf
    "Ghosting My Own Life",
    "I’m not the same guy who walked into your office in June",
    "",
    "zzz qqq",  # no vocabulary term
    "Ça va, je suis là — I'm still here",
]


def _tiny_payload(**over):
    """A three-class model with one term, 'glue', that pushes towards positive (no embedding)."""
    payload = {
        "format": FORMAT,
        "classes": ["negative", "neutral", "positive"],
        "vocabulary": ["glue"],
        "idf": [1.0],
        "coef": [[0.0] * (1 + N_EXTRA), [0.0] * (1 + N_EXTRA), [9.0] + [0.0] * N_EXTRA],
        "intercept": [0.0, 1.0, 0.0],
        "rule_features": list(RULE_FEATURES),
        "cue_features": list(CUE_FEATURES),
        "context_features": list(CONTEXT_FEATURES),
        "embedding": {"folder": "../static_minilm", "sha256": "0" * 64, "weight": 1.0, "dim": 0},
    }
    payload.update(over)
    return payload


def test_polarity_model_features_equal_scikit_learn_tfidf():
    from sklearn.feature_extraction.text import TfidfVectorizer

    model = PolarityModel.load(bundled_model_dir())
    vocab = sorted(model.vocabulary, key=model.vocabulary.get)
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, vocabulary=vocab)
    vec.fit(["placeholder"])  # sets up the analyzer; idf_ replaced by the model's
    vec.idf_ = model.idf
    theirs = vec.transform(TEXTS).toarray()
    for row, text in zip(theirs, TEXTS, strict=True):
        ours = np.zeros(model.n_terms)
        for i, w in model.term_vector(text).items():
            ours[i] = w
        assert np.allclose(ours, row, atol=1e-12), text


def test_polarity_model_probabilities_sum_to_one_and_pick_the_argmax():
    model = PolarityModel(_tiny_payload())
    rule = rule_features("neutral", "self_description", negated=False, hedged=False)
    text = "I am the glue here, the glue"
    label, p = model.predict(text, model.extra_features(text, rule, NO_CONTEXT))
    assert label == "positive" and 0.5 < p <= 1.0
    label, p = model.predict("I am here", model.extra_features("I am here", rule, NO_CONTEXT))
    assert label == "neutral"


def test_polarity_model_bundled_adds_the_span_and_sentence_embeddings_to_the_scores():
    assert json.loads((bundled_model_dir() / "model.json").read_text(encoding="utf-8"))["format"] == FORMAT
    model = PolarityModel.load(bundled_model_dir())
    assert model.embedding_dim > 0
    texts = ["I am the glue in this family", "Ghosting My Own Life"]
    sentences = ['She said "I am the glue in this family."', 'Today she calls it "Ghosting My Own Life".']
    vectors = model.embed(texts + sentences)
    assert vectors.shape == (4, model.embedding_dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    rule = rule_features("neutral", "self_description", negated=False, hedged=False)
    for k, (text, sentence) in enumerate(zip(texts, sentences, strict=True)):
        extra = model.extra_features(text, rule, NO_CONTEXT)
        assert len(extra) == N_EXTRA
        without = model.intercept.copy()
        for i, w in model.term_vector(text).items():
            without += model.coef[:, i] * w
        n_rule = model.n_terms + len(extra)
        without += model.coef[:, model.n_terms : n_rule] @ np.asarray(extra)
        both = np.concatenate([vectors[k], vectors[k + 2]])
        expected = without + model.coef[:, n_rule:] @ (both * model.embedding_weight)
        assert np.allclose(model.decision(text, extra, sentence=sentence), expected, atol=1e-9)
        assert np.allclose(model.decision(text, extra, vectors[k], vectors[k + 2]), expected, atol=1e-9)
        # the sentence counts: the same span in another sentence scores differently
        assert not np.allclose(model.decision(text, extra, sentence=text), expected, atol=1e-6)


def test_polarity_model_refuses_other_embedding_weights(tmp_path):
    payload = json.loads((bundled_model_dir() / "model.json").read_text(encoding="utf-8"))
    payload["embedding"] = {**payload["embedding"], "sha256": "0" * 64}
    model = PolarityModel(payload, folder=bundled_model_dir())
    with pytest.raises(ModelError, match="SHA-256"):
        model.embed(["I am a failure"])


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"format": "something-else/9"}, "format"),
        ({"format": "narrative-extract-polarity/4"}, "has format 'narrative-extract-polarity/4'.*retrain"),
        ({"format": "narrative-extract-polarity/1"}, "expected 'narrative-extract-polarity/5'"),
        ({"rule_features": ["rule=negative"]}, "other rule features"),
        ({"cue_features": ["hedge"]}, "other cue features"),
        ({"context_features": []}, "other context features"),
        ({"coef": [[0.0] * (2 + N_EXTRA)] * 3}, "inconsistent array shapes"),  # one column too many
        ({"idf": [1.0, 2.0]}, "inconsistent array shapes"),
    ],
)
def test_polarity_model_refuses_a_model_it_cannot_apply(over, message):
    with pytest.raises(ModelError, match=message):
        PolarityModel(_tiny_payload(**over))


def test_polarity_model_missing_folder_names_the_setting(tmp_path):
    with pytest.raises(ModelError, match=r"extract\.polarity_model: no model\.json"):
        PolarityModel.load(tmp_path)


@pytest.mark.parametrize("value", [None, "", "null", "off"])
def test_polarity_model_setting_off(value):
    assert resolve_model_dir(value) is None


def test_polarity_model_setting_bundled_and_path(tmp_path):
    assert resolve_model_dir("bundled") == bundled_model_dir()
    assert resolve_model_dir(str(tmp_path)) == tmp_path


def _pipeline(model_value):
    from narrative.config import load_config
    from narrative.extract import load_pipeline

    config = load_config()
    config["extract"] = {**(config.get("extract") or {}), "polarity_model": model_value}
    return load_pipeline(config)


def test_polarity_component_relabels_and_keeps_the_rules_call(tmp_path):
    from narrative.extract import statements_from_doc
    from narrative.types import Note

    (tmp_path / "model.json").write_text(json.dumps(_tiny_payload()), encoding="utf-8")
    nlp = _pipeline(str(tmp_path))
    assert nlp.pipe_names[-1] == "narrative_polarity"
    text = 'C: "I am the glue in this family. I am a failure."'
    found = {s.text: s for s in statements_from_doc(nlp(text), Note(note_id="n", client_id="c", text=text))}
    glue, failure = found["I am the glue in this family"], found["I am a failure"]
    assert glue.polarity == "positive" and glue.attrs["polarity_rule"] == "neutral"
    assert EVIDENCE in glue.evidence and 0.5 < glue.attrs["polarity_p"] <= 1.0
    # the tiny model says neutral without "glue": the rules' "negative" is overruled too
    assert failure.attrs["polarity_rule"] == "negative" and failure.polarity == "neutral"


def test_polarity_component_leaves_agency_and_indicators_alone(tmp_path, extract):
    from narrative.extract import statements_from_doc
    from narrative.types import Note

    (tmp_path / "model.json").write_text(json.dumps(_tiny_payload()), encoding="utf-8")
    nlp = _pipeline(str(tmp_path))
    text = 'C: "I chose to go for a walk." Mood: progress, more good days.'
    ours = statements_from_doc(nlp(text), Note(note_id="n", client_id="c", text=text))
    rules = extract(text)
    kept = [(s.type, s.text, s.polarity) for s in ours if s.type in ("agency", "indicator")]
    assert kept and kept == [(s.type, s.text, s.polarity) for s in rules if s.type in ("agency", "indicator")]
    assert not any("polarity_rule" in s.attrs for s in ours if s.type in ("agency", "indicator"))


def test_polarity_component_off_gives_the_rules_alone(extract):
    nlp = _pipeline(None)
    assert "narrative_polarity" not in nlp.pipe_names
    assert all(
        "polarity_rule" not in s.attrs and EVIDENCE not in s.evidence for s in extract('C: "I am the glue."')
    )


def test_polarity_default_pipeline_runs_the_bundled_model(extract_full):
    found = [
        s
        for s in extract_full('C: "I\'m a failure." She called this chapter "Walking Forward".')
        if s.type in ("self_description", "chapter_title")
    ]
    assert {s.type for s in found} == {"self_description", "chapter_title"}
    for s in found:
        assert s.attrs["polarity_rule"] in ("positive", "negative", "neutral")
        assert 0.0 < s.attrs["polarity_p"] <= 1.0
        assert (EVIDENCE in s.evidence) == (s.polarity != s.attrs["polarity_rule"])


def test_polarity_component_leaves_no_change_reports_to_the_rules(tmp_path):
    from narrative.extract import statements_from_doc
    from narrative.types import Note

    payload = _tiny_payload(vocabulary=["different"])
    (tmp_path / "model.json").write_text(json.dumps(payload), encoding="utf-8")
    nlp = _pipeline(str(tmp_path))
    text = 'C: "I\'m not different. I am a different person now."'
    found = {s.text: s for s in statements_from_doc(nlp(text), Note(note_id="n", client_id="c", text=text))}
    assert (
        "polarity_rule" not in found["I'm not different"].attrs
    )  # a no-change report: not given to the model
    assert found["I am a different person now"].attrs["polarity_rule"] is not None


def _cues(text):
    return dict(zip(CUE_FEATURES, cue_features(text), strict=True))


@pytest.mark.parametrize(
    ("text", "on", "off"),
    [
        ("I was a wreck but I'm stronger now", ["contrast", "after=positive", "present"], ["after=negative"]),
        ("I am a good nurse but a tired one", ["contrast", "after=negative", "role"], ["after=positive"]),
        ("I am the fixer", [], ["contrast", "after=positive", "after=negative"]),
        ("I used to be the useless one", ["former", "former*negative", "val=negative"], ["former*positive"]),
        ("I'm not hopeless anymore", ["former", "former*positive", "val=positive"], ["former*negative"]),
        ("Now I'm the one who gets up first", ["present"], ["former"]),
        ("Maybe I'm just not a team person", ["hedge", "diminish"], []),
        (
            "I'm a woman with bipolar who got sick and got help",
            ["person_first", "condition", "recovery"],
            ["condition*not_person_first"],
        ),
        ("I'm an anorexic", ["condition", "condition*not_person_first"], ["person_first"]),
        ("I'm sober now", ["recovery", "present", "val=positive"], ["val=negative"]),
    ],
)
def test_polarity_cue_features_mark_what_frames_the_valence(text, on, off):
    cues = _cues(text)
    assert all(cues[name] == 1.0 for name in on), cues
    assert all(cues[name] == 0.0 for name in off), cues


@pytest.mark.parametrize(
    ("text", "value"), [("I am the glue", 0.0), ("I'm not a failure", 0.5), ("I can't, not ever, no", 1.0)]
)
def test_polarity_cue_features_count_negators_up_to_two(text, value):
    assert _cues(text)["negations"] == value


def test_polarity_cue_file_refuses_upper_case_entries():
    from pydantic import ValidationError

    from narrative.extract.valence import PolarityCueFile

    lists = {name: ["x"] for name in PolarityCueFile.model_fields}
    PolarityCueFile.model_validate(lists)
    with pytest.raises(ValidationError, match="lower-case"):
        PolarityCueFile.model_validate({**lists, "hedges": ["Maybe"]})


def _one_feature_payload(name):
    """A tiny model in which the extra feature ``name`` alone pushes towards positive."""
    payload = _tiny_payload(coef=[[0.0] * (1 + N_EXTRA) for _ in range(3)])
    names = (*RULE_FEATURES, *CUE_FEATURES, *CONTEXT_FEATURES)
    payload["coef"][2][1 + names.index(name)] = 9.0
    return payload


def test_polarity_model_reads_the_cue_features():
    model = PolarityModel(_one_feature_payload("former*positive"))
    rule = rule_features("neutral", "self_description", negated=True, hedged=False)
    text = "I'm not hopeless anymore"
    assert model.predict(text, model.extra_features(text, rule, NO_CONTEXT))[0] == "positive"
    text = "I'm hopeless"
    assert model.predict(text, model.extra_features(text, rule, NO_CONTEXT))[0] == "neutral"


def _context(before, index=None, n_titles=1):
    values = title_context_features(before, index=index, n_titles=n_titles)
    return {name for name, v in zip(CONTEXT_FEATURES, values, strict=True) if v}


@pytest.mark.parametrize(
    ("before", "index", "n_titles", "names"),
    [
        ("At session 1 he had called it ", None, 1, {"title.earlier"}),
        ("Last year it was ", None, 1, {"title.earlier"}),
        ("Today she calls this chapter ", None, 1, {"title.now"}),
        # the nearest frame before the title counts
        ("Back then she called it X, and now she calls it ", None, 1, {"title.now"}),
        ("Now she looks back at the chapter she had called ", None, 1, {"title.earlier"}),
        ("Asked for a title, she said ", None, 1, set()),
        ("", 0, 3, {"title.several", "title.first"}),
        ("", 2, 3, {"title.several", "title.last"}),
        ("", 1, 3, {"title.several"}),
        ("", 0, 1, set()),  # a single title is neither first nor last of several
    ],
)
def test_polarity_title_context_features(before, index, n_titles, names):
    assert _context(before, index, n_titles) == names


def test_polarity_title_context_reads_only_the_words_just_before_the_title():
    far = "Last year was hard. " + "x " * 60 + "she said "
    assert _context(far) == set()


def test_polarity_component_gives_titles_their_context(tmp_path):
    """The component reads the title's sentence: a frame-only model calls the current title
    positive and leaves the earlier one to the intercept (neutral)."""
    from narrative.extract import statements_from_doc
    from narrative.types import Note

    (tmp_path / "model.json").write_text(json.dumps(_one_feature_payload("title.now")), encoding="utf-8")
    nlp = _pipeline(str(tmp_path))
    text = (
        'Asked to name the chapters of her life, she said that at intake she had called it "The Waiting '
        'Room". Today she calls it "Open Door".'
    )
    titles = [
        s
        for s in statements_from_doc(nlp(text), Note(note_id="n", client_id="c", text=text))
        if s.type == "chapter_title"
    ]
    assert [s.polarity for s in titles] == ["neutral", "positive"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "title", "polarity"),
    [
        # an earlier chapter named with a word of no fixed valence: the format /3 model said positive
        ('At session 1 she called her chapter "Static".', "Static", "negative"),
    ],
)
def test_polarity_bundled_model_reads_a_titles_place_in_the_story(extract_full, text, title, polarity):
    found = {s.text: s for s in extract_full(text) if s.type == "chapter_title"}
    assert found[title].polarity == polarity
