"""narrative.privacy: pseudonyms, consent, and de-identification of the text the tool writes.

Public API::

    Privacy(settings, *, nlp=None, key=None)       # the facade the run uses
    PrivacySettings                                # the "privacy" config section
    Deidentifier(settings, *, key, nlp=None)       # .deidentify(text, *, client_id, doc=None)
    pseudonymize(client_id, key) / load_or_create_key(path)
    excluded_clients(consents, exclude=()) / read_exclude_list(path)

Nothing here loads a model or imports presidio at import time.
"""

from .consent import excluded_clients, read_exclude_list
from .deid import Deidentifier, Finding
from .facade import Privacy
from .pseudonym import date_offset_days, load_or_create_key, pseudonymize, pseudonymize_clinician
from .settings import DEFAULT_ENTITIES, REPLACEMENTS, PrivacySettings

__all__ = [
    "DEFAULT_ENTITIES",
    "REPLACEMENTS",
    "Deidentifier",
    "Finding",
    "Privacy",
    "PrivacySettings",
    "date_offset_days",
    "excluded_clients",
    "load_or_create_key",
    "pseudonymize",
    "pseudonymize_clinician",
    "read_exclude_list",
]
