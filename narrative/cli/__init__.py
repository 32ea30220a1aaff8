"""narrative.cli stage."""
