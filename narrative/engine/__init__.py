"""narrative.engine stage."""
