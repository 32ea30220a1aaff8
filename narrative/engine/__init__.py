"""Running the per-note work: engines (local, process pool, Dask), model context and cache."""

from .batch import process_chunk, process_notes
from .cache import ResultCache, note_key
from .context import WorkerContext, get_context, set_offline_env
from .runners import ENGINES, run_chunks

__all__ = [
    "ENGINES",
    "ResultCache",
    "WorkerContext",
    "get_context",
    "note_key",
    "process_chunk",
    "process_notes",
    "run_chunks",
    "set_offline_env",
]
