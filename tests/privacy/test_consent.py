import datetime as dt

import pytest

from narrative.errors import InputError
from narrative.privacy import excluded_clients, read_exclude_list
from narrative.types import Consent

D = dt.date


@pytest.mark.parametrize(
    "records,expected",
    [
        ([("a", True, D(2024, 1, 1))], {"a"}),
        ([("a", True, D(2024, 1, 1)), ("a", False, D(2024, 3, 1))], set()),
        ([("a", False, D(2024, 3, 1)), ("a", True, D(2024, 1, 1))], set()),
        ([("a", False, D(2024, 1, 1)), ("a", True, D(2024, 3, 1))], {"a"}),
        ([("a", True, None), ("a", False, D(2020, 1, 1))], set()),
        ([("a", False, D(2024, 1, 1)), ("a", True, D(2024, 1, 1))], {"a"}),
        ([("a", False, None), ("b", True, None)], {"b"}),
    ],
)
def test_consent_latest_record_wins(records, expected):
    consents = [Consent(client_id=c, opted_out=o, date=d) for c, o, d in records]
    assert excluded_clients(consents) == expected


def test_consent_exclude_list_added():
    assert excluded_clients([], exclude=["x", " y ", ""]) == {"x", "y"}


@pytest.mark.parametrize(
    "content,expected",
    [
        ("c1\nc2\n\n# comment\nc3\n", {"c1", "c2", "c3"}),
        ("\ufeffclient_id,reason\nc1,asked\nc2,\n", {"c1", "c2"}),
        ("Client ID;site\n 7 ;A\n", {"7"}),
        ("patient_id\tx\np9\t1\n", {"p9"}),
        ("", set()),
    ],
)
def test_consent_read_exclude_list(tmp_path, content, expected):
    path = tmp_path / "exclude.txt"
    path.write_text(content, encoding="utf-8")
    assert read_exclude_list(path) == expected


def test_consent_exclude_csv_without_id_column(tmp_path):
    path = tmp_path / "exclude.csv"
    path.write_text("name,reason\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_exclude_list(path)
    assert "client id column" in str(err.value) and "exclude.csv" in str(err.value)


@pytest.mark.parametrize("make", ["missing", "binary"])
def test_consent_exclude_bad_file(tmp_path, make):
    path = tmp_path / "exclude.txt"
    if make == "binary":
        path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError):
        read_exclude_list(path)
