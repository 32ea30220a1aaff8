"""Ingest stage: note exports, measures, goals, events and consent -> typed records.

Readers: CSV/TSV (Excel and EHR exports, any common encoding), JSON Lines,
folders of .txt/.md notes, and HL7 FHIR R4 Bundles. Every row becomes a
:class:`~narrative.types.Note`, ``Measure``, ``Goal``, ``ContextEvent``,
``Consent`` or a :class:`~narrative.types.Reject` saying where and why.

    >>> from narrative.ingest import Ingestor, demo_inputs       # doctest: +SKIP
    >>> ing = Ingestor()                                          # doctest: +SKIP
    >>> records = list(ing.iter_records(demo_inputs()))           # doctest: +SKIP
"""

from .ingestor import Ingestor, demo_inputs
from .options import IngestOptions, InputCount

__all__ = ["IngestOptions", "InputCount", "Ingestor", "demo_inputs"]
