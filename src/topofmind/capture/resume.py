"""A JSON Resume (resume.json) to the job seeker's profile and achievements.

The résumé holds what drafts and the introduction draw on: skills, work
highlights, certificates, awards, projects and publications. The whole document
is kept on the profile; certificates, awards, projects and publications also
become achievements, which the periodic-update rule shares with the people of an
active opportunity.

Pure: bytes in, items out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path

from topofmind.capture.items import CapturedAchievement, CapturedProfile, Problem
from topofmind.capture.readable import decode_bytes
from topofmind.capture.values import fit_json, safe_url, short
from topofmind.domain.enums import AchievementKind
from topofmind.errors import BadFile

SOURCE = "resume"

#: Section -> (achievement kind, title key, date keys in order of preference, detail keys).
SECTIONS = {
    "certificates": (AchievementKind.CERTIFICATION, "name", ("date",), ("issuer",)),
    "awards": (AchievementKind.AWARD, "title", ("date",), ("awarder", "summary")),
    "projects": (
        AchievementKind.PROJECT,
        "name",
        ("endDate", "startDate"),
        ("description",),
    ),
    "publications": (
        AchievementKind.PUBLICATION,
        "name",
        ("releaseDate",),
        ("publisher", "summary"),
    ),
}


def read_resume(
    data: bytes, where: str
) -> Iterator[CapturedProfile | CapturedAchievement | Problem]:
    """The profile first, then one achievement per dated entry; undated ones are Problems."""
    try:
        document = json.loads(decode_bytes(data))
    except json.JSONDecodeError as exc:
        raise BadFile(f"{where} is not valid JSON ({exc}).") from None
    except RecursionError:
        raise BadFile(f"{where} nests lists or objects too deep to be a résumé.") from None
    if not isinstance(document, dict) or not any(
        key in document for key in ("basics", "work", "skills", *SECTIONS)
    ):
        raise BadFile(f"{where} is not a JSON Resume (no basics, work or skills).")
    skills = document.get("skills")
    if isinstance(skills, list):  # a list of words is a common, harmless shorthand
        document["skills"] = [{"name": s} if isinstance(s, str) else s for s in skills]
    errors = schema_errors(document)
    if errors:
        raise BadFile(
            f"{where} does not follow the JSON Resume schema ({'; '.join(errors)}); "
            "nothing was imported."
        )
    document = fit_json(document)
    yield profile_of(document)
    for section, (kind, title_key, date_keys, detail_keys) in SECTIONS.items():
        entries = document.get(section) or []
        for number, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
            label = f"{where}: {section} {number}"
            if not isinstance(entry, dict) or not str(entry.get(title_key, "")).strip():
                yield Problem(label, f"has no {title_key}")
                continue
            title = str(entry[title_key]).strip()
            label = f"{where}: {section} '{title}'"
            when = next((parse_date(entry.get(k)) for k in date_keys if entry.get(k)), None)
            if when is None:
                yield Problem(label, f"has no readable date ({' or '.join(date_keys)})")
                continue
            yield CapturedAchievement(
                title=title,
                kind=kind,
                achieved_on=when,
                url=safe_url(str(entry.get("url", "") or "")),
                description=" · ".join(str(entry[k]) for k in detail_keys if entry.get(k)),
                source=SOURCE,
                external_id=f"{section}/{title}/{when.isoformat()}",
            )


#: The published JSON Resume schema (capture/schemas/README.md says where it comes from).
SCHEMA = Path(__file__).parent / "schemas" / "json-resume.schema.json"
#: Errors named when a résumé is refused.
FIRST_ERRORS = 5


@cache
def _validator():
    from jsonschema import Draft7Validator

    return Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def schema_errors(document: dict) -> list[str]:
    """The first reasons ``document`` does not follow the JSON Resume schema, if any."""
    errors = []
    try:
        found = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    except RecursionError:
        return ["it nests lists or objects too deep"]
    for error in found[:FIRST_ERRORS]:
        where = ".".join(str(p) for p in error.absolute_path) or "the document"
        value = repr(error.instance)
        value = value if len(value) <= 40 else value[:39] + "…"
        if error.validator == "type":
            errors.append(f"{where}: {value} is not of type {error.validator_value}")
        elif error.validator == "pattern":
            errors.append(f"{where}: {value} is not a date like 2024, 2024-03 or 2024-03-15")
        else:
            errors.append(f"{where}: {short(error.message, 120)}")
    return errors


def profile_of(document: dict) -> CapturedProfile:
    """The person the résumé is about; a ``basics`` that is not an object gives nothing."""
    basics = document.get("basics")
    basics = basics if isinstance(basics, dict) else {}
    profiles = basics.get("profiles")
    profiles = profiles if isinstance(profiles, list) else []
    linkedin = next(
        (
            str(p.get("url", ""))
            for p in profiles
            if isinstance(p, dict) and str(p.get("network", "")).lower() == "linkedin"
        ),
        "",
    )
    return CapturedProfile(
        name=str(basics.get("name", "") or ""),
        emails=[basics["email"]] if "@" in str(basics.get("email", "")) else [],
        headline=str(basics.get("label", "") or ""),
        summary=str(basics.get("summary", "") or ""),
        skills=skills_of(document.get("skills") or []),
        linkedin_url=linkedin.rstrip("/"),
        resume=document,
    )


def skills_of(skills: list) -> list[str]:
    """Skill names then their keywords, each once, in the résumé's order."""
    names: list[str] = []
    for skill in skills if isinstance(skills, list) else []:
        if isinstance(skill, str):
            names.append(skill)
        elif isinstance(skill, dict):
            names.append(str(skill.get("name", "") or ""))
            names.extend(str(k) for k in skill.get("keywords") or [])
    seen: dict[str, str] = {}
    for name in (n.strip() for n in names):
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def parse_date(value) -> date | None:
    """JSON Resume dates: '2024', '2024-03' or '2024-03-15'."""
    parts = str(value or "").strip()[:10].split("-")
    try:
        year, month, day = ([int(p) for p in parts] + [1, 1])[:3]
        return date(year, month, day)
    except (ValueError, TypeError, IndexError):
        return None
