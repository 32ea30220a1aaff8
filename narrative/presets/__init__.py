"""Packaged configuration presets (``narrative.config.preset_config``)."""
