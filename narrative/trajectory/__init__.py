"""narrative.trajectory stage."""
