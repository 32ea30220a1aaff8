"""narrative.score stage."""
