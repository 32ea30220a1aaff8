"""English cue words (:mod:`.cues`) and match patterns (``patterns/*.jsonl``) for narrative.extract."""
