"""Thoughtful questions to ask in an interview, by category, made specific.

The chapter: ask about the company's vision, future plans and challenges; it
shows interest and research. The bank holds a few questions per category; those
with a ``{requirement}`` slot are filled from the posting, and recent news adds
its own question. Near-duplicates of questions already saved are left out
(rapidfuzz), so running it twice proposes nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from topofmind.compose.introduction import COMMON_SKILLS, posting_requirements
from topofmind.domain.enums import QuestionCategory
from topofmind.domain.records import NewsItem, Opportunity, Question

C = QuestionCategory

#: The bank: per category, questions from specific (needing a requirement) to general.
BANK: dict[QuestionCategory, list[str]] = {
    C.VISION: [
        "How does {requirement} fit into the longer-term direction of {org}?",
        "Where do you want {org} to be in three years, and how does this team get it there?",
    ],
    C.PLANS: [
        "How do you expect the work on {requirement} to change over the next year?",
        "What are the team's priorities for the next two quarters?",
    ],
    C.CHALLENGES: [
        "Where does {requirement} cause the most pain today, and what has been tried so far?",
        "What is the hardest problem the team is working on right now?",
    ],
    C.TEAM: [
        "Who would I work with most closely, and how does the team decide what to build?",
    ],
    C.ROLE: [
        "What would make the first 90 days in the {role} role a success for you?",
        "How much of the role is hands-on {requirement}, and how much is guiding others?",
    ],
    C.CULTURE: [
        "How does the team handle disagreement about technical direction?",
        "What do the people who do best here have in common?",
    ],
}

#: Two questions with at least this similarity (0-100) are the same question.
SAME_QUESTION = 80


@dataclass
class SuggestedQuestion:
    category: QuestionCategory
    text: str
    #: What made it specific: "posting: data quality testing", "news: ...", "bank".
    evidence: str


def _requirements(opportunity: Opportunity) -> list[str]:
    found = posting_requirements(opportunity)
    rare = [r for r in found if r.lower() not in COMMON_SKILLS]
    return rare or found


def suggest_questions(
    opportunity: Opportunity,
    news: list[NewsItem],
    existing: list[Question],
    per_category: int = 1,
) -> list[SuggestedQuestion]:
    """Questions for this opportunity, at most ``per_category`` per category plus news."""
    requirements = _requirements(opportunity)
    taken = [q.text for q in existing]
    out: list[SuggestedQuestion] = []

    def fresh(text: str) -> bool:
        return all(fuzz.token_set_ratio(text, other) < SAME_QUESTION for other in taken)

    for item in news[:1]:
        text = (
            f"I read “{item.title}”. How does that change the team's priorities for the "
            "coming year?"
        )
        if fresh(text):
            out.append(SuggestedQuestion(C.PLANS, text, f"news: {item.title}"))
            taken.append(text)
    used = 0
    for category, templates in BANK.items():
        added = 0
        for template in templates:
            if added >= per_category:
                break
            evidence = "bank"
            if "{requirement}" in template:
                if used >= len(requirements):
                    continue
                requirement = requirements[used]
                evidence = f"posting: {requirement}"
            else:
                requirement = ""
            text = template.format(
                org=opportunity.organization_name or "the company",
                role=opportunity.title,
                requirement=requirement,
            )
            if not fresh(text):
                continue
            if requirement:
                used += 1
            out.append(SuggestedQuestion(category, text, evidence))
            taken.append(text)
            added += 1
    return out
