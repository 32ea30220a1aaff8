"""narrative.extract stage."""
