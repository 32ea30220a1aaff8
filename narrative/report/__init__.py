"""narrative.report stage."""
