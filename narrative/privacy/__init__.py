"""narrative.privacy stage."""
