"""Published outcome formulas, for use outside the pipeline (notebooks, other tools).

* :func:`gas_t_score`: Kiresuk & Sherman (1968) Goal Attainment Scaling T-score,
  T = 50 + 10 * sum(w*x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2).
* :func:`reliable_change_index`: Jacobson & Truax (1991) RCI,
  S_E = SD * sqrt(1 - r), S_diff = sqrt(2) * S_E, RCI = (after - before) / S_diff.
* :func:`jacobson_truax_cutoffs`: clinical-significance cut-offs a, b and c.
* :func:`clinical_significance`: recovered / improved / unchanged / deteriorated.
* :func:`talking_therapies_outcome`: NHS Talking Therapies (IAPT) recovery,
  reliable improvement, reliable deterioration and reliable recovery on PHQ-9 and GAD-7.
* :func:`sudden_changes`: sudden gains (Tang & DeRubeis 1999) and losses.

See each function's docstring for exactly what it computes.
"""

from .trajectory.change import (
    clinical_significance,
    jacobson_truax_cutoffs,
    reliable_change_index,
    reliable_change_threshold,
    sudden_changes,
    talking_therapies_outcome,
)
from .trajectory.gas import allowed_levels, gas_t_score

__all__ = [
    "allowed_levels",
    "clinical_significance",
    "gas_t_score",
    "jacobson_truax_cutoffs",
    "reliable_change_index",
    "reliable_change_threshold",
    "sudden_changes",
    "talking_therapies_outcome",
]
