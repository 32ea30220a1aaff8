import datetime as dt

import pytest

from narrative.privacy.dates import first_match, shift_match, year_of_match
from narrative.privacy.rules import load_rules

RULES = load_rules(None, None)


@pytest.mark.parametrize(
    "text,offset,expected",
    [
        ("03/14/2024", 5, "03/19/2024"),
        ("3/14/24", -14, "2/29/24"),
        ("2024-12-30", 3, "2025-01-02"),
        ("March 5th, 2024", 14, "March 19th, 2024"),
        ("5 March 2024", 30, "4 April 2024"),
        ("Mar 5", 1, "Mar 6"),
        ("the 1st of June", 1, "the 2nd of June"),
        ("March 2024", 40, "April 2024"),
        ("March 2024", 3, "April 2024"),
        ("25/12/2024", 1, "26/12/2024"),
    ],
)
def test_dates_shift_keeps_format(text, offset, expected):
    match = first_match(RULES.dates, text)
    assert match is not None
    assert shift_match(match, offset) == expected


@pytest.mark.parametrize(
    "text,expected", [("03/14/2024", "2024"), ("March 5th", None), ("1 Jan 1999", "1999")]
)
def test_dates_year_of_match(text, expected):
    assert year_of_match(first_match(RULES.dates, text)) == expected


@pytest.mark.parametrize("text", ["02/30/2024", "13/13/2024"])
def test_dates_impossible_date_not_shifted(text):
    match = first_match(RULES.dates, text)
    assert match is None or shift_match(match, 3) is None


def test_dates_intervals_preserved():
    a = first_match(RULES.dates, "2024-01-10")
    b = first_match(RULES.dates, "2024-03-01")
    sa, sb = shift_match(a, -77), shift_match(b, -77)
    assert dt.date.fromisoformat(sb) - dt.date.fromisoformat(sa) == dt.timedelta(days=51)
