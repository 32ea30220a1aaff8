"""narrative: measure how a client's story about themselves changes over therapy.

Pipeline stages, in the order data flows: :mod:`narrative.ingest`,
:mod:`narrative.extract`, :mod:`narrative.score`, :mod:`narrative.trajectory`,
:mod:`narrative.report`; :mod:`narrative.privacy` and :mod:`narrative.engine`
serve every stage; :mod:`narrative.cli` is a thin command line over them.
"""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
