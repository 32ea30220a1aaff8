"""narrative.report: HTML reports and the data dictionary, built from a run directory's tables.

``build_reports(run_dir)`` writes ``report/caseload.html`` (supervisor overview)
and ``report/clients/<client_id>.html`` (one page per client), optionally with
plain-language client summaries. Pages are self-contained: inline CSS and SVG,
no scripts, nothing fetched from the network.
"""

from .build import ReportResult, build_reports
from .dictionary import write_data_dictionary

__all__ = ["ReportResult", "build_reports", "write_data_dictionary"]
