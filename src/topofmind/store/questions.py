"""Questions the job seeker means to ask, per opportunity."""

from __future__ import annotations

from sqlalchemy import Connection

from topofmind.domain.enums import QuestionCategory
from topofmind.domain.records import Question
from topofmind.errors import UnknownRecord
from topofmind.store.rows import get_row, insert_row, owned, saved, update_row
from topofmind.store.schema import questions


def _to_question(r) -> Question:
    return Question(
        id=r["id"],
        opportunity_id=r["opportunity_id"],
        category=QuestionCategory(r["category"]),
        text=r["text"],
        asked=r["asked"],
        answer=r["answer"],
        source=r["source"],
    )


def add_question(conn: Connection, item: Question) -> int:
    item.id = insert_row(
        conn,
        questions,
        {
            "opportunity_id": item.opportunity_id,
            "category": item.category.value,
            "text": item.text,
            "asked": item.asked,
            "answer": item.answer,
            "source": item.source,
        },
    )
    return item.id


def list_questions(conn: Connection, opportunity_id: int | None = None) -> list[Question]:
    query = owned(questions).order_by(questions.c.opportunity_id, questions.c.id)
    if opportunity_id is not None:
        query = query.where(questions.c.opportunity_id == opportunity_id)
    return [_to_question(r) for r in conn.execute(query).mappings()]


def get_question(conn: Connection, question_id: int) -> Question:
    row = get_row(conn, questions, question_id)
    if row is None:
        raise UnknownRecord(f"No question has id {question_id}. `tom question list` shows them.")
    return _to_question(row)


def update_question(conn: Connection, item: Question) -> None:
    update_row(
        conn,
        questions,
        saved(item.id),
        {
            "category": item.category.value,
            "text": item.text,
            "asked": item.asked,
            "answer": item.answer,
        },
    )
