import os
import stat

import pytest

from narrative.errors import InputError
from narrative.privacy import date_offset_days, load_or_create_key, pseudonymize, pseudonymize_clinician

KEY_A = b"a" * 32
KEY_B = b"b" * 32


def test_pseudonym_stable_across_calls():
    assert pseudonymize("client-17", KEY_A) == pseudonymize("client-17", KEY_A)


@pytest.mark.parametrize("client_id", ["1", "client-17", "MRN 4477120", "ü-92"])
def test_pseudonym_format(client_id):
    value = pseudonymize(client_id, KEY_A)
    assert value.startswith("C-") and len(value) == 12
    assert int(value[2:], 16) >= 0
    assert len(client_id) < 3 or client_id not in value


def test_pseudonym_depends_on_key():
    assert pseudonymize("client-17", KEY_A) != pseudonymize("client-17", KEY_B)


def test_pseudonym_differs_between_clients():
    values = {pseudonymize(str(i), KEY_A) for i in range(500)}
    assert len(values) == 500


def test_pseudonym_ignores_surrounding_space():
    assert pseudonymize(" 42 ", KEY_A) == pseudonymize("42", KEY_A)


def test_pseudonym_rejects_short_key():
    with pytest.raises(ValueError):
        pseudonymize("1", b"short")


@pytest.mark.parametrize("a,b", [("Dr. Amy Chen", "amy  chen"), ("Amy Chen, LCSW", "AMY CHEN")])
def test_pseudonym_clinician_normalised(a, b):
    assert pseudonymize_clinician(a, KEY_A) == pseudonymize_clinician(b, KEY_A)
    assert pseudonymize_clinician(a, KEY_A).startswith("T-")


def test_pseudonym_date_offset_in_range_and_nonzero():
    offsets = [date_offset_days(str(i), KEY_A, max_days=30) for i in range(300)]
    assert all(1 <= abs(o) <= 30 for o in offsets)
    assert any(o < 0 for o in offsets) and any(o > 0 for o in offsets)


def test_pseudonym_key_created_with_0600(tmp_path):
    path = tmp_path / "sub" / "key"
    key = load_or_create_key(path)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(path) == key


def test_pseudonym_key_env_var_honoured(tmp_path, monkeypatch):
    path = tmp_path / "env.key"
    monkeypatch.setenv("NARRATIVE_KEY_FILE", str(path))
    key = load_or_create_key(None)
    assert path.exists() and load_or_create_key(path) == key


@pytest.mark.parametrize("content", [b"", b"abc", b"\n\n"])
def test_pseudonym_key_too_short_is_error(tmp_path, content):
    path = tmp_path / "key"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        load_or_create_key(path)
    assert "key file" in str(err.value)


def test_pseudonym_key_folder_is_error(tmp_path):
    with pytest.raises(InputError):
        load_or_create_key(tmp_path)


def test_pseudonym_key_raw_bytes_accepted(tmp_path):
    path = tmp_path / "key"
    path.write_bytes(os.urandom(24))
    os.chmod(path, 0o600)
    assert load_or_create_key(path) == path.read_bytes()
