"""Hypothesis strategies for hostile and broken files, one per importer.

Shared by the fuzz tests (tests/capture/test_fuzz.py) and the longer run
(bench/fuzz.py). Each strategy draws the bytes of one file of its kind: mostly well
formed, with values real programs and attackers put there (dates in the year 9999,
NUL, lone surrogates, huge numbers, runaway recurrence rules, thousands of copied
addresses, damaged ZIP members, ``javascript:`` links) mixed in.

Each strategy is built once (``functools.cache``) and drawn from many times: building
them anew inside every draw spent most of a long run validating strategies.
"""

from __future__ import annotations

import io
import json
import zipfile
from functools import cache

from hypothesis import strategies as st

#: Values that broke importers before, or that a database or an encoder refuses.
NASTY = [
    "",
    "\x00",
    "a\x00b",
    "\ud800",
    "tail \udfff",
    "x" * 5000,
    "é" * 400,
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "NaN",
    "Infinity",
    "9999-12-31",
    "0001-01-01",
    "99999999999999999999999",
    "-1",
    "0",
    "@",
    "a@b@c@",
    "<script>alert(1)</script>",
    "\r\n\r\n",
    "=?utf-8?b?AAAA?=",
    "'; DROP TABLE people; --",
    "\u202eevil",
    "%s%n%x",
    "🙂" * 50,
    "\\",
    '"',
    "\t",
]
DATES = [
    "Fri, 31 Dec 9999 23:59:59 -1200",
    "Mon, 1 Jan 0001 00:00:00 +1400",
    "Tue, 10 Nov 2026 10:00:00 -0500",
    "Tue, 10 Nov 2026 25:61:00 +9999",
    "yesterday",
    "",
]
ICS_MOMENTS = [
    "20261201T150000Z",
    "00010101T000000",
    "99991231T235959Z",
    "20010101T090000Z",
    "20261301T000000",
    "2026",
    "20261124",
]
RULES = [
    "FREQ=SECONDLY",
    "FREQ=MINUTELY;BYSETPOS=-1",
    "FREQ=MINUTELY;BYSETPOS=1,2,3;BYSECOND=1,2",
    "FREQ=HOURLY;INTERVAL=1",
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=DAILY;INTERVAL=-3",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6,9,11",
    "FREQ=WEEKLY;COUNT=99999999999",
    "FREQ=WEEKLY;UNTIL=99991231T000000Z",
    "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
    "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
    "FREQ=WEEKLY",
    "FREQ=BOGUS",
    "",
]
KNOWN = ["dana@acme.example", "Dana Ruiz <dana@acme.example>", "lee@acme.example"]


@cache
def text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Short text: a nasty value, or anything Unicode has (surrogates included)."""
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(st.characters(exclude_categories=()), max_size=max_size),
    )


@cache
def line(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text on one line (a header's or a property's value)."""
    return text(max_size).map(lambda t: t.replace("\r", " ").replace("\n", " "))


@cache
def address() -> st.SearchStrategy[str]:
    local = st.from_regex(r"[a-z0-9._+-]{1,12}", fullmatch=True)
    return st.one_of(
        st.sampled_from(KNOWN + ["@", "a@b@c@", "x@", "@acme.example", "<>"]),
        st.builds(
            lambda a, d: f"{a}@{d}",
            local,
            st.sampled_from(["acme.example", "beta.example", "gmail.com"]),
        ),
        line(30),
    )


def _encode(value: str, encoding: str) -> bytes:
    return value.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


# -- mail ------------------------------------------------------------------------------


@cache
@st.composite
def message(draw) -> bytes:
    """One email message; sometimes binary, UTF-16 or with thousands of Cc."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.binary(max_size=400))
    copied = draw(st.lists(address(), max_size=6))
    if draw(st.integers(0, 9)) == 0:
        copied += [f"p{n}@acme.example" for n in range(draw(st.integers(100, 1500)))]
    headers = [
        ("From", draw(st.one_of(st.sampled_from(KNOWN), address()))),
        ("To", ", ".join(draw(st.lists(address(), min_size=1, max_size=4)))),
        ("Cc", ", ".join(copied)),
        ("Subject", draw(line())),
        ("Date", draw(st.one_of(st.sampled_from(DATES), line(30)))),
        ("Message-ID", draw(st.one_of(st.just(f"<{draw(st.uuids())}@x>"), line(60)))),
        ("In-Reply-To", draw(line(30))),
    ]
    charset = draw(st.sampled_from(["utf-8", "latin-1", "bogus-charset", ""]))
    if charset:
        headers.append(("Content-Type", f"text/plain; charset={charset}"))
    body = draw(text(300))
    raw = "".join(
        f"{k}: {v}\r\n" for k, v in headers if draw(st.booleans()) or k in ("From", "Date")
    )
    raw += "\r\n" + body + "\r\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "cp1252", "utf-8-sig"]))
    return _encode(raw, encoding)


@cache
@st.composite
def mbox(draw) -> bytes:
    messages = draw(st.lists(message(), min_size=1, max_size=5))
    return b"".join(
        b"From dana@acme.example Tue Nov 10 10:00:00 2026\n" + m + b"\n" for m in messages
    )


# -- calendars ------------------------------------------------------------------------------


@cache
@st.composite
def vevent(draw) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{draw(st.one_of(st.uuids().map(str), line(20)))}",
        "SUMMARY:"
        + draw(st.one_of(st.sampled_from(["Interview with Acme", "Phone screen"]), line())),
    ]
    zone = draw(
        st.sampled_from(
            [
                "",
                ";TZID=Asia/Tokyo",
                ";TZID=Pacific Standard Time",
                ";TZID=Nowhere/Bogus",
                ";VALUE=DATE",
            ]
        )
    )
    lines.append(f"DTSTART{zone}:{draw(st.sampled_from(ICS_MOMENTS))}")
    if draw(st.booleans()):
        lines.append(f"DTEND:{draw(st.sampled_from(ICS_MOMENTS))}")
    if draw(st.booleans()):
        lines.append(f"RRULE:{draw(st.sampled_from(RULES))}")
    if draw(st.booleans()):
        lines.append(
            f"SEQUENCE:{draw(st.sampled_from(['99999999999999999999999', '-5', 'x', '3']))}"
        )
    attendees = draw(st.lists(address(), max_size=4))
    if draw(st.integers(0, 9)) == 0:
        attendees += [f"a{n}@acme.example" for n in range(draw(st.integers(100, 1500)))]
    lines += [f"ATTENDEE;CN={draw(line(12))}:mailto:{a}" for a in attendees]
    lines += [f"ORGANIZER:mailto:{draw(address())}", f"LOCATION:{draw(line())}"]
    lines += [f"DESCRIPTION:{draw(line(200))}", f"URL:{draw(st.sampled_from(NASTY[:9]))}"]
    if draw(st.booleans()):
        lines.append(f"STATUS:{draw(st.sampled_from(['CANCELLED', 'CONFIRMED', 'x']))}")
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


@cache
@st.composite
def calendar(draw) -> bytes:
    events = draw(st.lists(vevent(), min_size=1, max_size=5))
    method = draw(st.sampled_from(["", "METHOD:CANCEL\r\n", "METHOD:REQUEST\r\n"]))
    text_ = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + method + "\r\n".join(events)
    if draw(st.integers(0, 4)):
        text_ += "\r\nEND:VCALENDAR\r\n"
    return _encode(text_, draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])))


# -- contacts ---------------------------------------------------------------------------


X_NAME = st.from_regex(r"[A-Z]{1,8}", fullmatch=True)


@cache
@st.composite
def vcard(draw) -> str:
    version = draw(st.sampled_from(["2.1", "3.0", "4.0", "9"]))
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        f"FN:{draw(line())}",
        f"N:{draw(line())};{draw(line())};;;",
    ]
    lines += [f"EMAIL;TYPE=INTERNET:{a}" for a in draw(st.lists(address(), max_size=3))]
    lines += [f"TEL:{draw(st.one_of(st.sampled_from(['+1 555 0100', '9' * 80]), line(20)))}"]
    lines += [
        f"ORG:{draw(line())}",
        f"TITLE:{draw(line())}",
        f"URL:{draw(st.sampled_from(NASTY[:9]))}",
    ]
    if draw(st.booleans()):
        lines.append(f"NOTE;ENCODING=QUOTED-PRINTABLE:{draw(line(100))}=0D=0A=")
        lines.append(draw(line(20)))
    if draw(st.booleans()):
        lines.append(
            "PHOTO;ENCODING=BASE64;TYPE=JPEG:" + draw(st.sampled_from(["/9j/4AAQ!!!", "A" * 3000]))
        )
        lines += [
            " " + draw(st.sampled_from(["AAAA", "!!@@", "===="]))
            for _ in range(draw(st.integers(0, 5)))
        ]
    if draw(st.booleans()):
        lines.append("PROFILE:VCARD")
    if draw(st.booleans()):
        lines.append(f"X-{draw(X_NAME)}:{draw(line())}")
    if draw(st.integers(0, 5)):
        lines.append("END:VCARD")
    return "\r\n".join(lines)


@cache
@st.composite
def vcards(draw) -> bytes:
    cards = "\r\n".join(draw(st.lists(vcard(), min_size=1, max_size=4))) + "\r\n"
    return _encode(cards, draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])))


# -- LinkedIn ---------------------------------------------------------------------------

CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT"
)


def _cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


CSV_DATES = ["24 Aug 2023", "01 Jan 0001", "2026-11-20 14:05:00 UTC", "9999-12-31 23:59:59 UTC"]
CELL = st.one_of(line(30), st.sampled_from(CSV_DATES), address())


@cache
@st.composite
def csv_file(draw) -> tuple[str, bytes]:
    name, header = draw(
        st.sampled_from([("Connections.csv", CONNECTIONS), ("messages.csv", MESSAGES)])
    )
    columns = header.count(",") + 1
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        cells = [draw(CELL) for _ in range(columns)]
        rows.append(",".join(_cell(c) for c in cells[: draw(st.integers(0, columns + 2))]))
    if draw(st.integers(0, 9)) == 0:
        rows.append(_cell("y" * 200_000) * 2)
    if draw(st.integers(0, 9)) == 0:
        rows.append('"never closed')
    body = header + "\n" + "\n".join(rows) + "\n"
    return name, _encode(body, draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])))


@cache
@st.composite
def linkedin_zip(draw) -> bytes:
    members = draw(st.lists(csv_file(), min_size=1, max_size=3, unique_by=lambda m: m[0]))
    if draw(st.booleans()):
        members.append(("Rich_Media/photo.jpg", b"\0" * draw(st.integers(0, 3_000_000))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    raw = bytearray(buffer.getvalue())
    for _ in range(draw(st.integers(0, 2))):  # damage a few bytes
        at = draw(st.integers(0, len(raw) - 1))
        raw[at] ^= draw(st.integers(1, 255))
    return bytes(raw)


# -- JSON documents -----------------------------------------------------------------------

JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    text(),
)


@cache
def json_value(max_leaves: int = 12):
    return st.recursive(
        JSON_LEAF,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(line(10), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


RESUME_KEYS = ["basics", "work", "skills", "certificates", "awards", "projects", "publications"]


@cache
@st.composite
def resume(draw) -> bytes:
    good = {
        "basics": {"name": draw(line()), "email": draw(address()), "label": draw(line())},
        "skills": [{"name": draw(line()), "keywords": [draw(line())]}],
        "awards": [
            {
                "title": draw(line()),
                "date": draw(st.sampled_from(["2024", "0001", "9999-12-31", "soon"])),
                "url": draw(st.sampled_from(NASTY[:9])),
            }
        ],
    }
    for key in draw(st.lists(st.sampled_from(RESUME_KEYS), max_size=3)):
        good[key] = draw(json_value())
    if draw(st.integers(0, 19)) == 0:
        return b'{"basics": {}, "x": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    return json.dumps(good, allow_nan=True, ensure_ascii=draw(st.booleans())).encode(
        "utf-8", "surrogatepass"
    )


POSTING_KEYS = [
    "title",
    "datePosted",
    "hiringOrganization",
    "description",
    "identifier",
    "url",
    "jobLocation",
    "skills",
    "qualifications",
]


@cache
@st.composite
def posting(draw) -> bytes:
    item: dict = {"@context": "https://schema.org", "@type": "JobPosting", "title": draw(line())}
    for key in draw(st.lists(st.sampled_from(POSTING_KEYS), max_size=6)):
        item[key] = draw(
            st.one_of(
                json_value(6), st.sampled_from(["9999-12-31", "0001-01-01", "javascript:alert(1)"])
            )
        )
    page = (
        "<html><head><title>"
        + draw(line())
        + '</title><script type="application/ld+json">'
        + json.dumps(item, allow_nan=True).replace("</", "<\\/")
        + "</script></head><body><p>"
        + draw(text(200))
        + "</p></body></html>"
    )
    return page.encode("utf-8", "surrogatepass")


@cache
@st.composite
def feed(draw) -> bytes:
    entries = "".join(
        f"<item><title>{draw(line())}</title><link>{draw(st.sampled_from(NASTY[:9] + ['https://news.example/a']))}</link>"
        f"<pubDate>{draw(st.sampled_from(DATES))}</pubDate><guid>{draw(line(20))}</guid>"
        f"<description>{draw(text(100))}</description></item>"
        for _ in range(draw(st.integers(0, 4)))
    )
    channel = f"<channel><title>{draw(line())}</title>{entries}</channel>"
    xml = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
    return xml.encode("utf-8", "surrogatepass")


def mutated_export(document: dict):
    """A strategy changing one to three values of an export to something hostile."""

    @st.composite
    def mutate(draw) -> dict:
        import copy

        changed = copy.deepcopy(document)
        tables = [t for t, rows in changed["tables"].items() if rows]
        for _ in range(draw(st.integers(1, 3))):
            table = draw(st.sampled_from(tables))
            rows = changed["tables"][table]
            row = rows[draw(st.integers(0, len(rows) - 1))]
            column = draw(st.sampled_from(sorted(row)))
            row[column] = draw(
                st.one_of(
                    json_value(4),
                    st.sampled_from(
                        [
                            "2026-11-24T10:00:00",
                            1_700_000_000,
                            "9999-12-31T23:59:59-12:00",
                            99_999,
                            "high",
                            [1, 2],
                        ]
                    ),
                )
            )
        return changed

    return mutate()
