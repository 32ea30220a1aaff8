"""narrative.ingest stage."""
