"""Presidio glue, imported only when the privacy stage builds its analyzer.

Importing this module imports presidio; :mod:`narrative.privacy.deid` does so
lazily, after setting ``TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS=""`` so that no
suffix list is ever fetched. The analyzer is built over *our* spaCy pipeline
(never Presidio's default ``en_core_web_lg``), and can take the entities of a
Doc the pipeline has already parsed, so a note is parsed once.
"""

from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from collections.abc import Iterable, Sequence  # noqa: E402

import regex  # noqa: E402

from .._imports import import_presidio_analyzer, optional_backends_hidden  # noqa: E402

# Presidio imports transformers and probes for torch for its Hugging Face parts; we never use them
with optional_backends_hidden():
    import_presidio_analyzer()
    from presidio_analyzer import (
        AnalyzerEngine,
        EntityRecognizer,
        LocalRecognizer,
        Pattern,
        PatternRecognizer,
        RecognizerRegistry,
        RecognizerResult,
    )
    from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        IpRecognizer,
        PhoneRecognizer,
        SpacyRecognizer,
        UsSsnRecognizer,
    )
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

from .rules import Rules  # noqa: E402

LANGUAGE = "en"

# spaCy NER label -> our entity name (NER DATE/TIME/CARDINAL are not used: the
# small model calls record numbers and street numbers dates; dates come from patterns).
NER_LABELS = {
    "PERSON": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
}

# Presidio's entity names -> ours.
PRESIDIO_ENTITIES = {"PHONE_NUMBER": "PHONE", "IP_ADDRESS": "IP", "US_SSN": "ID"}

TITLE_WORDS = frozenset(
    ["dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "miss", "prof", "prof.", "doctor", "nurse"]
)
QUOTES = frozenset("\"'“”‘’")
STOP_NAMES = frozenset({"i", "mom", "mum", "dad", "god", "christmas", "easter", "monday", "friday"})
CALENDAR_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# parts of speech a lower-case word in a name's context cannot have and be a name
NOT_NAME_POS = frozenset(
    {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT", "SYM"}
)
MODAL_NAMES = frozenset({"will", "may", "mark", "pat", "rob", "sue", "bill", "frank", "ray"})


class _SharedSpacyEngine(SpacyNlpEngine):
    """A SpacyNlpEngine over an already-loaded pipeline (nothing is loaded or downloaded)."""

    def __init__(self, nlp: Language):
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": nlp.meta.get("name", "narrative")}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=dict(NER_LABELS), labels_to_ignore=[]
            ),
        )
        self.nlp = {LANGUAGE: nlp}

    def load(self) -> None:  # the pipeline is already loaded
        return None

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return artifacts_from_doc(self.nlp[language](text), self)


def artifacts_from_doc(doc: Doc, engine: SpacyNlpEngine) -> NlpArtifacts:
    """Presidio NlpArtifacts built from a parsed Doc (the Doc itself is not changed)."""
    strings = doc.vocab.strings
    entities = [
        Span(doc, ent.start, ent.end, label=NER_LABELS[ent.label_])
        for ent in doc.ents
        if ent.label_ in NER_LABELS
    ]
    return NlpArtifacts(
        entities=entities,
        tokens=doc,
        # read as arrays: building a Token object per word costs more than the rest of this function
        tokens_indices=doc.to_array("IDX").tolist(),
        lemmas=[strings[h] if h else doc[i].text for i, h in enumerate(doc.to_array("LEMMA").tolist())],
        nlp_engine=engine,
        language=LANGUAGE,
        scores=[0.85] * len(entities),
    )


class GivenNameRecognizer(LocalRecognizer):
    """Person names from name lists and from the words around them.

    * A given name from the lists counts in any case and in quotes, with up to
      two surname tokens after it.
    * Names that are also common words ("Hope", "Will") count only when
      capitalised away from the start of a sentence and tagged as proper
      nouns, or right after a kinship cue ("my son Will").
    * A word in no list that is not a common English word counts next to a cue
      of ``name_cues.yaml``: after a kinship word ("her brother Kwame", also in
      lower case), as the object of a social verb ("met Kwame") or the subject
      of a speech verb ("Kwame said"), joined by "and" to a found name, or
      before a listed surname ("Anneliese Castellanos").
    * A capitalised word that is not a common word right before a found name
      joins it.
    """

    def __init__(self, rules: Rules, *, score: float = 0.8):
        self.names = rules.given_names
        self.ambiguous = rules.ambiguous_names
        self.surnames = rules.surnames
        self.ambiguous_surnames = rules.ambiguous_surnames
        self.common = rules.common_words | rules.not_names
        cues = rules.cues
        self.kinship = cues.kinship if cues else frozenset()
        self.before = cues.before if cues else frozenset()
        self.after = cues.after if cues else frozenset()
        self.coordinators = cues.coordinators if cues else frozenset()
        self.score = score
        super().__init__(
            supported_entities=["PERSON"], name="GivenNameRecognizer", supported_language=LANGUAGE
        )

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if nlp_artifacts is None or nlp_artifacts.tokens is None or "PERSON" not in entities:
            return []
        doc: Doc = nlp_artifacts.tokens
        spans = self.name_spans(doc)
        return [
            RecognizerResult(
                entity_type="PERSON",
                start=doc[s].idx,
                end=doc[e - 1].idx + len(doc[e - 1].text),
                score=self.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for s, e in spans
        ]

    def name_spans(self, doc: Doc) -> list[tuple[int, int]]:
        """Token spans (start, end) of the names in ``doc``."""
        ner = {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
        spans: list[tuple[int, int]] = []
        i, n = 0, len(doc)
        while i < n:
            if not self._is_name(doc[i]):
                i += 1
                continue
            end = self._extend(doc, i)
            spans.append((self._extend_back(doc, i), end))
            i = end
        # "with Maria and Kwame": a new word joined to a found name (list or NER) by "and"/"or"
        found = {t for s, e in spans for t in range(s, e)} | ner
        for i in range(n):
            if i in found or not self._unlisted_candidate(doc[i], lower_ok=False):
                continue
            left = i >= 2 and doc[i - 1].lower_ in self.coordinators and (i - 2) in found
            right = i + 2 < n and doc[i + 1].lower_ in self.coordinators and (i + 2) in found
            if left or right:
                spans.append((i, i + 1))
        return spans

    # ------------------------------------------------------------------ word tests

    def _unlisted_candidate(self, token: Token, *, lower_ok: bool) -> bool:
        """A word in no list that could still be a name: not a common word, written like a name."""
        text = token.text
        if not text.isalpha() or len(text) < 2:
            return False
        low = text.casefold()
        if low in self.common or low in CALENDAR_WORDS or low in STOP_NAMES or low in TITLE_WORDS:
            return False
        if token.is_stop or low in self.kinship:
            return False
        if token.is_title:
            return True
        return lower_ok and token.is_lower and token.pos_ not in NOT_NAME_POS

    def _is_name(self, token: Token) -> bool:
        text = token.text
        if not text.isalpha() or len(text) < 2:
            return False
        low = text.casefold()
        if low in self.names:
            # a name unless it is part of a shouted heading ("SARAH" among other capitals is kept)
            return not (text.isupper() and len(text) > 3 and _neighbours_upper(token))
        previous = _previous_word(token)
        following = _next_word(token)
        if low in self.ambiguous:
            return self._ambiguous_is_name(token, previous, following)
        if low in self.surnames and token.is_title:
            # a listed surname where a name is expected ("Castellanos said", "met Castellanos")
            return (previous is not None and previous.lower_ in self.before | self.kinship) or (
                following is not None and following.lower_ in self.after
            )
        # an unlisted word: a name only in a name's context
        if previous is not None and previous.lower_ in self.kinship:
            # "her brother Kwame", "aunt ngozi", "her sister Will" (a capitalised common word only
            # when the tagger calls it a proper noun)
            if self._unlisted_candidate(token, lower_ok=True):
                return True
            return (
                token.is_title
                and token.pos_ == "PROPN"
                and not token.is_stop
                and low not in CALENDAR_WORDS | STOP_NAMES | TITLE_WORDS | self.kinship
            )
        if previous is not None and previous.lower_ in self.before and not _starts_sentence(token):
            # "met Kwame", "called sophie"
            return self._unlisted_candidate(token, lower_ok=True)
        if not self._unlisted_candidate(token, lower_ok=False):
            return False
        if following is not None and following.lower_ in self.after:
            return True
        # "Anneliese Castellanos": an unknown capitalised word before a listed surname
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return (
            nxt is not None
            and nxt.is_title
            and nxt.is_alpha
            and nxt.text.casefold() in self.surnames
            and token.whitespace_ == " "
        )

    def _ambiguous_is_name(self, token: Token, previous: Token | None, following: Token | None) -> bool:
        text = token.text
        low = text.casefold()
        if previous is not None and previous.lower_ in self.kinship:
            # "her sister grace visited", "her dad will and his drinking" but not "her son will
            # visit" or "the client said"
            if token.tag_ in {"VBD", "VBZ", "VBP", "VBN", "VBG"}:
                return False
            if token.is_lower and not _after_possessive(previous):
                return False  # "figure out child carry"
            return not (
                following is not None
                and (following.tag_ in {"VB", "RB"} or following.lower_ in {"not", "n't", "be", "have"})
            )
        if not text[0].isupper() or text.isupper():
            return False
        if following is not None and following.is_title and following.pos_ == "PROPN" and following.is_alpha:
            return True  # "Will Delgado"
        if _starts_sentence(token):
            # "Will reports...", "May said..." (a modal is followed by a base-form verb, not -s/-ed)
            return low in MODAL_NAMES and following is not None and following.tag_ in {"VBZ", "VBD"}
        if token.pos_ and token.pos_ != "PROPN":
            return False
        # "Finding Hope", "Walking Forward": a capitalised phrase (a title), not a name
        return not (previous is not None and previous.is_title and previous.lower_ not in TITLE_WORDS)

    def _extend(self, doc: Doc, i: int) -> int:
        """End (exclusive) of the name starting at token i: add up to two surname tokens."""
        end = i + 1
        first_is_lower = doc[i].text.islower()
        for _ in range(2):
            if end >= len(doc):
                break
            nxt = doc[end]
            low = nxt.text.casefold()
            if nxt.whitespace_ == "" and nxt.text in {"-", "'"} and end + 1 < len(doc):
                end += 2
                continue
            if (low in self.names or low in self.surnames) and nxt.is_title:
                end += 1
                continue
            if (
                nxt.is_title
                and nxt.is_alpha
                and not _starts_sentence(nxt)
                and (nxt.pos_ in {"PROPN", ""} or (low not in self.common and low not in CALENDAR_WORDS))
            ):
                end += 1
                continue
            if len(nxt.text) == 2 and nxt.text[0].isupper() and nxt.text[1] == ".":  # middle initial
                end += 1
                continue
            if (
                first_is_lower
                and nxt.is_lower
                and nxt.is_alpha
                and not nxt.is_stop
                and (low in self.surnames or (nxt.pos_ in {"PROPN", "NOUN"} and low not in self.common))
            ):
                end += 1
                continue
            break
        return end

    def _extend_back(self, doc: Doc, i: int) -> int:
        """Start of the name found at token i: one capitalised unknown word before it joins."""
        if i == 0:
            return i
        prev = doc[i - 1]
        if prev.whitespace_ != " " or not doc[i].is_title:
            return i
        return i - 1 if self._unlisted_candidate(prev, lower_ok=False) else i


POSSESSIVES = frozenset({"my", "his", "her", "their", "our", "your", "'s", "’s"})


def _after_possessive(cue: Token) -> bool:
    """Whether a possessive stands right before the cue word ("her dad", "Maria's son")."""
    return cue.i > 0 and cue.doc[cue.i - 1].lower_ in POSSESSIVES


def _next_word(token: Token) -> Token | None:
    j = token.i + 1
    while j < len(token.doc) and token.doc[j].text in QUOTES | {","}:
        j += 1
    return token.doc[j] if j < len(token.doc) else None


def _previous_word(token: Token) -> Token | None:
    j = token.i - 1
    while j >= 0 and (token.doc[j].is_punct or token.doc[j].text in QUOTES):
        if token.doc[j].text in {".", "!", "?"}:
            return None
        j -= 1
    return token.doc[j] if j >= 0 else None


def _starts_sentence(token: Token) -> bool:
    j = token.i - 1
    while j >= 0 and token.doc[j].text in QUOTES | {"(", "[", "-", "—", "*", "•"}:
        j -= 1
    if j < 0:
        return True
    if token.doc[j].text in {".", "!", "?", ":", ";"} or "\n" in token.doc[j].text:
        return True
    return bool(token.is_sent_start) if token.doc.has_annotation("SENT_START") else False


def _neighbours_upper(token: Token) -> bool:
    doc = token.doc
    around = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc) and doc[j].is_alpha]
    return bool(around) and all(t.is_upper for t in around)


# Seven digits, each at most three separator characters from the next: the shortest
# phone number any of our regions allows. A text without such a run has no phone number.
_PHONE_DIGITS = regex.compile(r"\d(?:[^\w\n]{0,3}\d){6}")


class _PrefilteredPhoneRecognizer(PhoneRecognizer):
    """Presidio's PhoneRecognizer, skipped on texts that cannot hold a phone number.

    The phonenumbers matcher tries every digit group of a note (session numbers,
    scores, dates); most notes have no run of seven digits, and for them the
    answer is known without it.
    """

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not _PHONE_DIGITS.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts)


class _CheckedPattern(Pattern):
    """A Presidio ``Pattern`` for an expression the rules loader has already compiled and checked
    (``Pattern.__init__`` would compile it once more only to check it); Presidio compiles it with
    the recognizer's flags when the recognizer first runs, as for any pattern."""

    def __init__(self, name: str, regex: str, score: float) -> None:
        self.name = name
        self.regex = regex
        self.score = score
        self.compiled_regex = None
        self.compiled_with_flags = None


def build_analyzer(
    nlp: Language, rules: Rules, *, deny_list: Sequence[str] = ()
) -> tuple[AnalyzerEngine, _SharedSpacyEngine]:
    """An AnalyzerEngine over ``nlp`` with our recognizers (and a few of Presidio's own)."""
    engine = _SharedSpacyEngine(nlp)
    flags = regex.MULTILINE | regex.DOTALL  # case is set per pattern with (?i)
    recognizers: list[EntityRecognizer] = [
        SpacyRecognizer(
            supported_language=LANGUAGE, supported_entities=["PERSON", "LOCATION", "ORGANIZATION"]
        ),
        _PrefilteredPhoneRecognizer(supported_regions=("US", "GB", "CA", "IE", "AU")),
        IpRecognizer(),
        UsSsnRecognizer(),
        GivenNameRecognizer(rules),
    ]
    for spec in rules.recognizers:
        patterns = [
            _CheckedPattern(p.name, ("(?i)" if spec.flags_for(p) else "") + p.regex, spec.score)
            for p in spec.patterns
        ]
        recognizers.append(
            PatternRecognizer(
                supported_entity=spec.entity,
                name=f"narrative.{spec.id}",
                patterns=patterns,
                context=[],
                global_regex_flags=flags,
            )
        )
    if rules.date_sources:
        recognizers.append(
            PatternRecognizer(
                supported_entity="DATE",
                name="narrative.dates",
                patterns=[
                    _CheckedPattern(f"date{i}", "(?i)" + src, 0.85)
                    for i, src in enumerate(rules.date_sources)
                ],
                global_regex_flags=flags,
            )
        )
    if deny_list:
        recognizers.append(
            PatternRecognizer(supported_entity="DENY", name="narrative.deny_list", deny_list=list(deny_list))
        )
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[LANGUAGE])
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=[LANGUAGE])
    return analyzer, engine


def presidio_entities(ours: Iterable[str]) -> list[str]:
    """Presidio entity names to request for our entity names."""
    reverse: dict[str, list[str]] = {}
    for theirs, mine in PRESIDIO_ENTITIES.items():
        reverse.setdefault(mine, []).append(theirs)
    out: list[str] = []
    for name in ours:
        out.append(name)
        out.extend(reverse.get(name, []))
    return out


def our_entity(name: str) -> str:
    """Our entity name for a Presidio result's entity type."""
    return PRESIDIO_ENTITIES.get(name, name)
