"""Cue words of the learned span filter's features (``narrative.extract.span_filter``).

A change here changes the features the filter model was trained on: bump
``narrative.extract.span_filter.FEATURES`` and retrain (``scripts/train_span_filter.py``).
"""

# Verbs of what the clinician does in a session ("Explored ...", "Encouraged her to ..."): a claim
# in a sentence led by one is often the clinician's plan or intervention, not the client's.
CLINICIAN_ACTION_LEMMAS = frozenset(
    {
        "encourage",
        "explore",
        "discuss",
        "review",
        "suggest",
        "recommend",
        "assign",
        "provide",
        "validate",
        "reflect",
        "reframe",
        "practise",
        "practice",
        "introduce",
        "model",
        "normalise",
        "normalize",
        "psychoeducate",
        "prompt",
        "invite",
        "ask",
        "agree",
        "plan",
        "schedule",
        "refer",
        "continue",
        "monitor",
        "assess",
        "challenge",
        "support",
        "teach",
        "coach",
        "set",
        "rehearse",
        "summarise",
        "summarize",
    }
)
# Words that make the sentence hypothetical or conditional.
CONDITIONAL_WORDS = frozenset(
    {"if", "unless", "whether", "suppose", "supposing", "imagine", "hypothetically"}
)
# Double quote marks that open and close (straight marks toggle; single marks are also apostrophes).
OPEN_QUOTES = frozenset({"“", "«", "„"})
CLOSE_QUOTES = frozenset({"”", "»"})
STRAIGHT_QUOTES = frozenset({'"'})
# Leading line marks of lists.
BULLETS = frozenset({"-", "*", "•", "–", "·", ">"})
