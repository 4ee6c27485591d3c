"""The memorable introduction: the person's strongest, most relevant accomplishments.

The chapter asks for a concise introduction that highlights unique skills,
experience and accomplishments that set the person apart. From the profile (JSON
Resume work highlights, projects, summary, achievements) and the posting, the
accomplishments are ranked by relevance with BM25 (rank-bm25), skill names are
matched forgivingly with rapidfuzz ("Postgres" is "PostgreSQL"), and quantified
results and uncommon requested skills are preferred. Everything used is returned
as evidence, so the person sees why each line is there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rank_bm25 import BM25Okapi  # type: ignore[import-untyped]
from rapidfuzz import fuzz

from topofmind.compose.phrasing import first_person, join_names
from topofmind.domain.records import Achievement, Opportunity, Profile

#: Skills so many postings ask for that naming them sets no one apart.
COMMON_SKILLS = {
    "python",
    "sql",
    "excel",
    "git",
    "communication",
    "teamwork",
    "java",
    "javascript",
    "microsoft office",
    "problem solving",
    "leadership",
    "agile",
}

#: Other names people write for the same skill.
ALIASES = {
    "k8s": "kubernetes",
    "postgres": "postgresql",
    "js": "javascript",
    "ts": "typescript",
    "gcp": "google cloud",
    "amazon web services": "aws",
    "ml": "machine learning",
    "tf": "terraform",
}

#: Words in a 30-second spoken introduction (150 words a minute).
SPOKEN_WORDS = 80

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "this",
        "to",
        "we",
        "with",
        "you",
        "your",
        "will",
        "who",
        "what",
        "when",
        "where",
        "which",
        "while",
        "across",
        "into",
        "over",
        "per",
        "than",
        "then",
        "they",
        "them",
        "these",
        "those",
        "was",
        "were",
        "been",
        "being",
        "also",
        "its",
        "about",
        "after",
        "before",
        "more",
        "most",
        "other",
        "such",
        "can",
        "could",
        "would",
        "should",
        "may",
        "might",
        "must",
        "using",
        "use",
        "used",
        "work",
        "working",
        "experience",
        "years",
        "team",
        "role",
        "looking",
        "requirements",
        "required",
        "plus",
        "strong",
        "ability",
    ]
)
_QUANTIFIED = re.compile(r"\d|%|\$|€|£|\bdoubled\b|\btripled\b|\bhalved\b")
_WORD = re.compile(r"[a-z0-9][a-z0-9+#.\-]*[a-z0-9+#]|[a-z0-9]")


@dataclass
class Accomplishment:
    text: str
    #: Where it comes from: "resume: Fieldstone", "summary", "achievement".
    source: str
    #: For an achievement, its title alone (the sentence names it).
    title: str = ""


@dataclass
class Evidence:
    text: str
    source: str
    score: float
    #: Posting terms the accomplishment shares.
    matched: list[str] = field(default_factory=list)
    quantified: bool = False
    #: Requested skills it shows that few candidates name.
    distinctive: list[str] = field(default_factory=list)
    title: str = ""

    @property
    def sentence(self) -> str:
        """The accomplishment as something the person says about themselves."""
        if self.source.startswith("achievement"):
            kind = self.source.partition("(")[2].rstrip(")")
            return achievement_sentence(kind, self.title or self.text)
        return first_person(self.text)


@dataclass
class Introduction:
    spoken: str
    written: str
    evidence: list[Evidence]
    #: The posting's requirements as read, and the person's skills matching them.
    requirements: list[str] = field(default_factory=list)
    matched_skills: list[str] = field(default_factory=list)


def tokens(text: str) -> list[str]:
    """Lower-case words without stop words, aliases resolved, a plural -s dropped."""
    out = []
    for word in _WORD.findall(text.lower()):
        word = ALIASES.get(word, word)
        if word in _STOP or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


def accomplishments(profile: Profile, achievements: list[Achievement]) -> list[Accomplishment]:
    """Every accomplishment the record holds, from the resume, summary and achievements."""
    found: list[Accomplishment] = []
    resume = profile.resume or {}
    for job in resume.get("work") or []:
        where = job.get("name") or job.get("company") or ""
        for line in job.get("highlights") or []:
            found.append(Accomplishment(str(line), f"resume: {where}".strip()))
    for project in resume.get("projects") or []:
        for line in project.get("highlights") or []:
            found.append(Accomplishment(str(line), f"project: {project.get('name', '')}"))
        if project.get("description") and not project.get("highlights"):
            found.append(
                Accomplishment(str(project["description"]), f"project: {project.get('name', '')}")
            )
    for award in resume.get("awards") or []:
        if award.get("title"):
            found.append(Accomplishment(str(award["title"]), "resume: awards"))
    for sentence in re.split(r"(?<=[.;])\s+", profile.summary or ""):
        sentence = sentence.strip().rstrip(".;")
        if len(sentence.split()) >= 4:
            found.append(Accomplishment(sentence, "profile summary"))
    for item in achievements:
        text = item.title
        if item.description:
            text = f"{item.title}: {item.description.rstrip('.')}"
        found.append(Accomplishment(text, f"achievement ({item.kind.value})", item.title))
    return found


def profile_skills(profile: Profile) -> list[str]:
    skills = list(profile.skills)
    for entry in (profile.resume or {}).get("skills") or []:
        if entry.get("name"):
            skills.append(str(entry["name"]))
        skills.extend(str(k) for k in entry.get("keywords") or [])
    return list(dict.fromkeys(s.strip() for s in skills if s.strip()))


def posting_requirements(opportunity: Opportunity) -> list[str]:
    """The requirements recorded, or those listed after "Requirements:" in the posting."""
    if opportunity.requirements:
        return list(opportunity.requirements)
    match = re.search(
        r"(?:requirements|must have|you have|qualifications)\s*:\s*(.+?)(?:\n\n|$)",
        opportunity.posting_text,
        re.IGNORECASE | re.DOTALL,
    )
    if not match:
        return []
    parts = re.split(r",|;|\n|\band\b", match.group(1).rstrip(". \n"))
    return [p.strip(" .-•*") for p in parts if p.strip(" .-•*")]


def skill_matches(skill: str, text: str) -> bool:
    """Whether ``text`` asks for ``skill``, forgiving aliases, case and small spelling."""
    wanted = " ".join(tokens(skill))
    if not wanted:
        return False
    words = tokens(text)
    joined = " ".join(words)
    if re.search(rf"(?<![\w-]){re.escape(wanted)}(?![\w-])", joined):
        return True
    size = len(wanted.split())
    grams = {" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 0))}
    return any(len(g) > 3 and fuzz.ratio(wanted, g) >= 88 for g in grams)


def requested_skills(profile: Profile, opportunity: Opportunity) -> list[str]:
    """The person's skills that the posting asks for."""
    text = " ".join([opportunity.posting_text, *opportunity.requirements, opportunity.title])
    return [s for s in profile_skills(profile) if skill_matches(s, text)]


def rank(
    items: list[Accomplishment], query: str, distinctive_skills: list[str] | None = None
) -> list[Evidence]:
    """Accomplishments ordered by relevance to ``query``, best first, with why."""
    if not items:
        return []
    corpus = [tokens(item.text) or ["_"] for item in items]
    wanted = tokens(query)
    scores = BM25Okapi(corpus).get_scores(wanted) if wanted else [0.0] * len(items)
    top = max(max(scores), 0.0) or 1.0
    query_terms = set(wanted)
    ranked = []
    for item, words, raw in zip(items, corpus, scores, strict=True):
        matched = sorted(query_terms & set(words))
        quantified = bool(_QUANTIFIED.search(item.text))
        rare = [
            s
            for s in distinctive_skills or []
            if s.lower() not in COMMON_SKILLS and skill_matches(s, item.text)
        ]
        score = max(raw, 0.0) / top + 0.1 * len(matched)
        score += 0.5 if quantified else 0.0
        score += 0.2 * min(len(rare), 2)
        ranked.append(
            Evidence(
                item.text,
                item.source,
                round(float(score), 3),
                matched,
                quantified,
                rare,
                item.title,
            )
        )
    ranked.sort(key=lambda e: -e.score)
    return ranked


def _headline_clause(profile: Profile) -> str:
    headline = profile.headline.strip().rstrip(".")
    if not headline:
        return ""
    first = headline.split()[0]
    if first[1:] == first[1:].lower():
        headline = headline[0].lower() + headline[1:]
    return headline


#: Words an achievement's title may open with that already say what one did ("Spoke at
#: Data Council"): such a title is told as it is, in the first person. Not "certified",
#: which opens certification names.
DEEDS = {
    "built",
    "co-authored",
    "completed",
    "delivered",
    "designed",
    "earned",
    "finished",
    "gave",
    "graduated",
    "hosted",
    "launched",
    "led",
    "mentored",
    "organized",
    "passed",
    "presented",
    "published",
    "ran",
    "received",
    "released",
    "shipped",
    "spoke",
    "taught",
    "won",
    "wrote",
}


def achievement_sentence(kind: str, title: str) -> str:
    """An achievement told in the first person, by its kind ("I recently earned the X
    certification."), or as its title says it ("I recently spoke at Data Council.")."""
    title = title.strip().rstrip(".")
    first, _, rest = title.partition(" ")
    if first.lower() in DEEDS or first.lower().startswith("open-source"):
        return f"I recently {first.lower()} {rest}".rstrip() + "."
    return {
        "certification": f"I recently earned the {title} certification.",
        "project": f"I recently completed a project: {title}.",
        "publication": f"I recently published {title}.",
        "award": f"I recently received {title}.",
        "event": f"I recently took part in {title}.",
    }.get(kind, f"{title}.")


def _focus(requirements: list[str], skills: list[str]) -> str:
    """What the role is about, in a few words taken from the posting."""
    shown = {s.lower() for s in skills}
    wanted = [r for r in requirements if r.lower() not in shown and r.lower() not in COMMON_SKILLS]
    return join_names((wanted or skills)[:3])


def build_introduction(
    profile: Profile, opportunity: Opportunity, achievements: list[Achievement]
) -> Introduction:
    """A 30-second spoken introduction and a three-sentence written one, with evidence."""
    requirements = posting_requirements(opportunity)
    skills = requested_skills(profile, opportunity)
    query = " ".join([opportunity.posting_text, *requirements])
    ranked = rank(accomplishments(profile, achievements), query, skills)
    chosen = [e for e in ranked if e.matched or e.quantified][:2] or ranked[:2]
    chosen.sort(key=lambda e: not e.quantified)
    lines = [e.sentence for e in chosen]
    clause = _headline_clause(profile)
    rare = [s for s in skills if s.lower() not in COMMON_SKILLS]
    focus = _focus(requirements, skills)
    goal = profile.goals[0].rstrip(".") if profile.goals else ""
    where = f"the {opportunity.title} role at {opportunity.organization_name}"

    opening = f"Hi, I'm {profile.name}" + (f", a {clause}." if clause else ".")
    skills_line = [f"I also bring hands-on {join_names(rare[:3])}."] if rare else []
    why = (
        f"What draws me to {where} is the work on {focus}"
        if focus
        else (f"What draws me to {where} is the chance to put that to work")
    )
    closing = why + (f", and it fits my goal to {goal}." if goal else ".")
    # About 30 seconds at a speaking pace of 150 words a minute: drop the least
    # important parts until it fits.
    for middle in (lines + skills_line, lines, lines[:1]):
        spoken = " ".join([opening, *middle, closing])
        if len(spoken.split()) <= SPOKEN_WORDS:
            break

    if clause:
        first = f"I'm {profile.name}, a {clause}, and I would like to bring that to {where}."
    else:  # no headline for "that" to point back to
        first = f"I'm {profile.name}, and I would like to bring my experience to {where}."
    proof = (
        "; ".join(line.rstrip(".") for line in lines) + "."
        if lines
        else (f"My skills in {join_names(skills[:3])} match what the posting asks for.")
    )
    ask = f"The role's focus on {focus}" if focus else "The role"
    last = f"{ask} fits where I want to go" + (f": to {goal}." if goal else ".")
    written = " ".join([first, proof, last])
    return Introduction(spoken, written, chosen, requirements, skills)
