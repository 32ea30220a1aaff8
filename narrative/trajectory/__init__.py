"""narrative.trajectory stage: per-client series beside GAS, alliance and symptom scores,
benchmark bands, supervisor flags and lead-lag correlations.

Entry point: :func:`analyze_caseload`. Opted-out clients are removed before it is
called (and any id in its ``exclude`` argument is dropped too).
"""

from .caseload import analyze_caseload, client_outcomes
from .flags import RULE_IDS, flag_counts
from .models import CASELOAD_STATEMENT_TYPES, CaseloadResult, ClientData
from .settings import FlagRules, TrajectorySettings, load_flag_rules, load_settings

__all__ = [
    "CASELOAD_STATEMENT_TYPES",
    "RULE_IDS",
    "CaseloadResult",
    "ClientData",
    "FlagRules",
    "TrajectorySettings",
    "analyze_caseload",
    "client_outcomes",
    "flag_counts",
    "load_flag_rules",
    "load_settings",
]
