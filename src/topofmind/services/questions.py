"""Recording questions to ask on an opportunity, and whether they were asked."""

from __future__ import annotations

from topofmind.domain.enums import (
    QuestionCategory,
)
from topofmind.domain.records import (
    Question,
)
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.inputs import parse_choice
from topofmind.services.lookup import (
    resolve_opportunity,
)
from topofmind.store import questions as question_store


def add_question(ctx: Context, opportunity: str, text: str, category: str = "role") -> Question:
    if not text.strip():
        raise InvalidValue("A question needs its text.")
    with ctx.db.begin() as conn:
        item = Question(
            opportunity_id=resolve_opportunity(conn, opportunity),
            text=text.strip(),
            category=parse_choice(QuestionCategory, category, "question category"),
        )
        question_store.add_question(conn, item)
    return item


def mark_question_asked(
    ctx: Context, question_id: int, answer: str | None = None, asked: bool = True
) -> Question:
    with ctx.db.begin() as conn:
        item = question_store.get_question(conn, question_id)
        item.asked = asked
        if answer is not None:
            item.answer = answer
        question_store.update_question(conn, item)
    return item
