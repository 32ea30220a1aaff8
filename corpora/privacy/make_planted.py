"""Write planted.jsonl: made-up session notes with planted identifiers at known offsets.

Run: .venv/bin/python corpora/privacy/make_planted.py   (deterministic; seed fixed)

Two halves share no sentence templates and no name, street or city pools:
"dev" (used to tune recognizers.yaml) and "test" (held out). The "test" name
pool deliberately includes given names that are NOT in first_names.txt, so the
name-list recognizer cannot carry recall there. Every person, number and
address is invented; phone numbers use 555-01xx (US) and Ofcom drama ranges (UK).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

OUT = Path(__file__).with_name("planted.jsonl")
SEED = 20240521
N_PER_SPLIT = 90

POOLS = {
    "dev": {
        "first": [
            "Maria",
            "Jake",
            "Priya",
            "Omar",
            "Linda",
            "Kevin",
            "Fatima",
            "Daniel",
            "Chloe",
            "Marcus",
            "Hannah",
            "Luis",
            "Grace",
            "Aisha",
            "Tom",
            "Rachel",
            "Will",
            "Sophie",
            "Ahmed",
            "Megan",
        ],
        "last": [
            "Lopez",
            "Okafor",
            "Patel",
            "Nguyen",
            "Kowalski",
            "Hernandez",
            "Brennan",
            "Adeyemi",
            "Fitzgerald",
            "Schmidt",
            "Haddad",
            "Morrison",
            "Tanaka",
            "Delgado",
            "Whitfield",
        ],
        "street": [
            "Elm Street",
            "Maple Avenue",
            "Oak Ridge Road",
            "Cedar Lane",
            "Baker Road",
            "Willow Drive",
            "N. Halsted St",
            "Kings Crescent",
            "Station Road",
        ],
        "city_us": [
            ("Springfield", "IL"),
            ("Dayton", "OH"),
            ("Fresno", "CA"),
            ("Tulsa", "OK"),
            ("Albany", "NY"),
        ],
        "city_uk": ["Leeds", "Bristol", "Cardiff", "Norwich"],
        "domain": ["gmail.com", "yahoo.com", "outlook.com", "hotmail.co.uk"],
        "site": ["facebook.com", "linkedin.com/in", "instagram.com", "myclinicportal.org"],
    },
    "test": {
        "first": [
            "Siobhan",
            "Oluwaseun",
            "Thandiwe",
            "Krzysztof",
            "Mei",
            "Xochitl",
            "Bartholomew",
            "Ngozi",
            "Anneliese",
            "Dmitri",
            "Carmen",
            "Eleanor",
            "Reggie",
            "Jasmine",
            "Hope",
            "Nadia",
            "Tobias",
            "Ingrid",
            "Kwame",
            "Rosalind",
        ],
        "last": [
            "O'Sullivan",
            "Abernathy",
            "Chukwu",
            "Zielinski",
            "Van der Berg",
            "Castellanos",
            "Mbeki",
            "Lindqvist",
            "Harrington",
            "Okonkwo",
            "Petrov",
            "McAllister",
            "Rosenbaum",
            "Achebe",
            "Quintero",
        ],
        "street": [
            "Birchwood Court",
            "Hawthorne Blvd",
            "Sycamore St.",
            "Pine Hill Lane",
            "Mill Lane",
            "Grosvenor Gardens",
            "Lakeview Terrace",
            "Church Street",
            "W. Addison Street",
        ],
        "city_us": [("Boise", "ID"), ("Scranton", "PA"), ("Eugene", "OR"), ("Macon", "GA"), ("Duluth", "MN")],
        "city_uk": ["Sheffield", "Swansea", "Exeter", "Dundee"],
        "domain": ["icloud.com", "protonmail.com", "aol.com", "btinternet.com"],
        "site": ["twitter.com", "tiktok.com/@", "wellnesshub.net", "carebridge.health"],
    },
}

UK_POSTCODES = {
    "dev": ["LS6 2QT", "BS8 1TH", "CF10 3AT", "NR2 4PD"],
    "test": ["S10 2TN", "SA1 8EN", "EX4 6PX", "DD1 4HN"],
}

# Narrative sentences that must survive (the text in [[...]] is the keep string).
NARRATIVE = {
    "dev": [
        'Client said "[[I am broken]]" when describing the week.',
        '"[[I chose to set a boundary]]," she reported, smiling.',
        'Chapter title this week: "[[Walking Forward]]".',
        "[[Session 4]] focused on values work.",
        "We reviewed homework from [[session 3]] and she rated her mood [[6/10]].",
        "[[PHQ-9 was 14]], down from 19.",
        "He described himself as [[a failure at everything]].",
        "Client stated: [[I can handle this now]].",
        'If her life were a book, this chapter would be called "[[Finding My Voice]]".',
        "[[GAD-7 score 9]]; sleep improved to [[6 hours]] a night.",
        "She has attended [[12 sessions]] and wants to continue weekly.",
        "[[I decided to call my sponsor]] instead of drinking.",
        "He feels [[stuck in the same place]] as last month.",
    ],
    "test": [
        'Pt stated "[[nothing I do matters]]" and cried.',
        "Title for this chapter: [[The Long Way Home]].",
        "[[Session 7 of 12]]: reviewed relapse plan.",
        '"[[I\'m finally taking charge]]," he said.',
        "Client rated the session [[9/10]] on the SRS.",
        "[[ORS total 28.5]]; alliance strong.",
        'She called herself "[[a survivor now]]".',
        "[[I stood up for myself]] at work this week.",
        'Chapter name she chose: "[[Out of the Fog]]".',
        "Week 5 of the group ([[week 5]]) covered grief; [[Goal 2]] progressing.",
        "Reports [[3 drinks]] per night, down from 8.",
        'He said he is "[[done being a victim]]".',
        "[[I am learning to trust people again]], she wrote.",
    ],
}

# Identifier sentences. {slot:TYPE} is filled and recorded as an identifier of TYPE;
# {fill:...} are plain fillers (not identifiers).
TEMPLATES = {
    "dev": [
        "Client {full:NAME} arrived on time.",
        "{first:NAME} reports her sister {first2:NAME} visited on {date:DATE}.",
        "Seen by Dr. {last:NAME} for medication review.",
        "Called {lower:NAME} (son) at {phone:PHONE} to confirm the appointment.",
        "Fax records to {fax:FAX}.",
        "Fax: {fax:FAX}",
        "Client email: {email:EMAIL}.",
        "Address on file: {street:ADDRESS}, {city:LOCATION}, {state} {zip:ZIP}.",
        "MRN {mrn:ID}.",
        "Insurance policy no. {policy:ID} verified.",
        "She is {age:AGE} years old and lives alone.",
        "DOB {dob:DATE}.",
        "Next appointment {date:DATE}.",
        'He mentioned his girlfriend "{quoted:NAME}" again.',
        "Client posted about therapy at {url:URL}.",
        "Telehealth session from IP {ip:IP}.",
        "Moved to {ukstreet:ADDRESS}, {ukcity:LOCATION} {postcode:ZIP} last spring.",
        "Her mother, {full:NAME}, age {age:AGE}, has dementia.",
        "Account number {acct:ID} for billing.",
        "SSN {ssn:ID} on intake form.",
        "Spoke with {full:NAME} from the school on {date:DATE}.",
        "talked about her dad {lower:NAME} and his drinking.",
        "Member ID {member:ID}; group {group:ID}.",
        "Lives at {street:ADDRESS} with her partner {first:NAME}.",
        "Reached her at {phone:PHONE} after two tries.",
        "Dr. {full:NAME} will co-sign.",
    ],
    "test": [
        "Pt {full:NAME} seen today.",
        "Collateral call with wife {first:NAME} at {phone:PHONE}.",
        "Referral faxed to {fax:FAX} on {date:DATE}.",
        "per pt, brother {lower:NAME} moved back home.",
        "Email from client ({email:EMAIL}) received {date:DATE}.",
        "Pt resides at {street:ADDRESS}, {city:LOCATION}, {state} {zip:ZIP}.",
        "Medical record number: {mrn:ID}.",
        "Medicaid ID {medicaid:ID} renewed.",
        "Grandmother is {age:AGE} and in hospice.",
        "Pt is a {age:AGE}-year-old widow.",
        "Born {dob:DATE} per chart.",
        "Follow-up scheduled for {date:DATE}.",
        'She keeps texting "{quoted:NAME}" even though he hurt her.',
        "Shared blog link {url:URL} in session.",
        "Login flagged from {ip:IP}.",
        "New address {ukstreet:ADDRESS}, {ukcity:LOCATION}, {postcode:ZIP}.",
        "{full:NAME} (case manager) called on {date:DATE}.",
        "Claim number {claim:ID}.",
        "NHS number {nhs:ID}.",
        "Supervisor Dr. {last:NAME} reviewed the plan.",
        "pt says {lower:NAME} {lowerlast:NAME} was her first therapist.",
        "Mobile {phone:PHONE}; fax {fax:FAX}.",
        "Lives with aunt {first:NAME} at {street:ADDRESS}.",
        "Signed, {full:NAME}, LCSW",
        "Her father turned {age:AGE} on {date:DATE}; her son {first:NAME} threw the party.",
        "Prior records from {url:URL} requested by {full:NAME}.",
    ],
}

STYLES = ["prose", "soap", "bullets", "dap", "lower", "prose"]


def fmt_date(rng: random.Random, split: str) -> str:
    d = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 6 * 365))
    month = d.strftime("%B")
    options_dev = [
        f"{d.month:02d}/{d.day:02d}/{d.year}",
        f"{d.month}/{d.day}/{d.year % 100:02d}",
        d.isoformat(),
        f"{month} {d.day}, {d.year}",
        f"{d.day} {month} {d.year}",
        f"{month[:3]} {d.day}",
        f"{month} {d.day}{_sfx(d.day)}",
        f"{month} {d.year}",
    ]
    options_test = [
        f"{d.month}-{d.day}-{d.year}",
        f"{d.day}{_sfx(d.day)} of {month}",
        f"{month[:3]}. {d.day}, {d.year}",
        f"{d.strftime('%A')}, {month} {d.day}",
        f"{d.month}.{d.day}.{d.year}",
        f"{month.lower()} {d.day}",
        f"{d.year}-{d.month:02d}-{d.day:02d}",
        f"{d.day} {month[:3]} {d.year}",
    ]
    return rng.choice(options_dev if split == "dev" else options_test)


def fmt_dob(rng: random.Random, split: str) -> str:
    d = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 70 * 365))
    if split == "dev":
        return rng.choice(
            [f"{d.month}/{d.day}/{d.year}", f"{d.month:02d}/{d.day:02d}/{d.year}", d.isoformat()]
        )
    return rng.choice(
        [
            f"{d.strftime('%B')} {d.day}, {d.year}",
            f"{d.day}/{d.month}/{d.year}" if d.day > 12 else f"{d.month}/{d.day}/{d.year}",
            f"{d.strftime('%b')} {d.day} {d.year}",
        ]
    )


def _sfx(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def fill(slot: str, rng: random.Random, split: str, state: dict[str, str]) -> str:
    pool = POOLS[split]
    digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    if slot in {"full"}:
        return f"{rng.choice(pool['first'])} {rng.choice(pool['last'])}"
    if slot in {"first", "first2", "quoted"}:
        return rng.choice(pool["first"])
    if slot == "lower":
        return rng.choice(pool["first"]).lower()
    if slot == "lowerlast":
        return rng.choice(pool["last"]).lower()
    if slot == "last":
        return rng.choice(pool["last"])
    if slot in {"date"}:
        return fmt_date(rng, split)
    if slot == "dob":
        return fmt_dob(rng, split)
    if slot == "age":
        return str(rng.randint(90, 104))
    if slot in {"phone", "fax"}:
        if rng.random() < 0.3:
            return rng.choice(
                [f"07700 900{digits(3)}", f"020 7946 0{digits(3)}", f"+44 161 496 0{digits(3)}"]
            )
        area = rng.choice(["312", "415", "617", "206", "512", "919"])
        return rng.choice(
            [
                f"{area}-555-01{digits(2)}",
                f"({area}) 555-01{digits(2)}",
                f"{area}.555.01{digits(2)}",
                f"+1 {area} 555 01{digits(2)}",
            ]
        )
    if slot == "email":
        name = (
            rng.choice(pool["first"]).lower() + rng.choice([".", "_", ""]) + rng.choice(pool["last"]).lower()
        )
        return re.sub(r"[^a-z._]", "", name) + digits(rng.choice([0, 2])) + "@" + rng.choice(pool["domain"])
    if slot == "street":
        return f"{rng.randint(2, 9999)} {rng.choice(pool['street'])}" + rng.choice(["", ", Apt 4B", " #12"])
    if slot == "ukstreet":
        return rng.choice(["", "Flat 3, "]) + f"{rng.randint(1, 200)} {rng.choice(pool['street'])}"
    if slot == "city":
        city, st = rng.choice(pool["city_us"])
        state["state"] = st
        return city
    if slot == "ukcity":
        return rng.choice(pool["city_uk"])
    if slot == "zip":
        return digits(5) if rng.random() < 0.7 else f"{digits(5)}-{digits(4)}"
    if slot == "postcode":
        return rng.choice(UK_POSTCODES[split])
    if slot == "mrn":
        return rng.choice([digits(7), f"{digits(2)}-{digits(6)}", f"MR{digits(6)}"])
    if slot in {"policy", "member", "medicaid", "claim", "acct", "group"}:
        return rng.choice(
            [
                f"{rng.choice('WXYZ')}{digits(9)}",
                f"{rng.choice(['XK', 'HB', 'QA'])}-{digits(5)}",
                digits(8),
                f"{digits(4)}-{digits(4)}",
            ]
        )
    if slot == "ssn":
        return f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
    if slot == "nhs":
        return f"{digits(3)} {digits(3)} {digits(4)}"
    if slot == "url":
        site = rng.choice(pool["site"])
        handle = rng.choice(pool["first"]).lower() + digits(2)
        sep = "" if site.endswith("@") else "/"
        return rng.choice(["https://", "http://www.", "www.", ""]) + site + sep + handle
    if slot == "ip":
        return rng.choice(
            [
                f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                f"2001:db8:{rng.randint(1, 9999):x}::{rng.randint(1, 999):x}",
            ]
        )
    raise KeyError(slot)


SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")


def render(template: str, rng: random.Random, split: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    out = ""
    spans: list[tuple[int, int, str, str]] = []
    state: dict[str, str] = {}
    # city must be filled before {state}: fill in order, {state} looks back
    pos = 0
    for m in SLOT.finditer(template):
        out += template[pos : m.start()]
        slot, kind = m.group(1), m.group(2)
        if slot == "state":
            value = state.get("state", "IL")
            out += value
        else:
            value = fill(slot, rng, split, state)
            spans.append((len(out), len(out) + len(value), kind or "", value))
            out += value
        pos = m.end()
    out += template[pos:]
    return out, spans


def build_note(rng: random.Random, split: str, index: int) -> dict:
    style = STYLES[index % len(STYLES)]
    pieces: list[tuple[str, list[tuple[int, int, str, str]], list[str]]] = []
    for template in rng.sample(TEMPLATES[split], rng.randint(2, 4)):
        text, spans = render(template, rng, split)
        pieces.append((text, spans, []))
    for sentence in rng.sample(NARRATIVE[split], rng.randint(1, 2)):
        keeps = re.findall(r"\[\[(.+?)\]\]", sentence)
        pieces.append((sentence.replace("[[", "").replace("]]", ""), [], keeps))
    rng.shuffle(pieces)
    labels = {"soap": ["S: ", "O: ", "A: ", "P: "], "dap": ["Data: ", "Assessment: ", "Plan: "]}
    text = ""
    identifiers = []
    keep: list[str] = []
    for i, (sentence, spans, keeps) in enumerate(pieces):
        if style == "bullets":
            prefix = "- "
        elif style in labels:
            prefix = labels[style][i] if i < len(labels[style]) else ""
        else:
            prefix = ""
        sep = "\n" if style in {"bullets", "soap", "dap"} else " "
        if text:
            text += sep
        text += prefix
        if style == "lower":
            sentence = sentence.lower()
            keeps = [k.lower() for k in keeps]
        base = len(text)
        text += sentence
        for start, end, kind, value in spans:
            value = text[base + start : base + end]
            identifiers.append({"type": kind, "start": base + start, "end": base + end, "text": value})
        keep.extend(keeps)
    for ident in identifiers:
        assert text[ident["start"] : ident["end"]] == ident["text"]
    return {
        "id": f"{split}-{index:03d}",
        "split": split,
        "style": style,
        "text": text,
        "identifiers": identifiers,
        "keep": keep,
    }


def main() -> None:
    rng = random.Random(SEED)
    rows = [build_note(rng, split, i) for split in ("dev", "test") for i in range(N_PER_SPLIT)]
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    n_ids = sum(len(r["identifiers"]) for r in rows)
    print(f"wrote {len(rows)} notes, {n_ids} planted identifiers -> {OUT}")


if __name__ == "__main__":
    main()
