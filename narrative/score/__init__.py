"""narrative.score stage: statement scores (agency, self-regard, talk type, narrative composite) and shifts.

Models are loaded lazily (never at import): :meth:`StatementScorer.load` reads the
trained artifacts under ``models/`` and builds a :class:`SentenceEncoder` only
when called.
"""

from .encoder import Encoder, SentenceEncoder
from .scorer import StatementScorer
from .shifts import compute_shifts, session_series

__all__ = ["Encoder", "SentenceEncoder", "StatementScorer", "compute_shifts", "session_series"]
