"""The question bank, made specific with the posting and the news, without repeats."""

from topofmind.compose.questions import BANK, suggest_questions
from topofmind.domain.enums import QuestionCategory
from topofmind.domain.records import NewsItem, Opportunity, Question

OPP = Opportunity(
    "Senior Data Engineer",
    organization_id=1,
    organization_name="Northwind Analytics",
    posting_text="Requirements: Python, SQL, dbt, Kafka, data quality testing.",
    id=1,
)


def test_every_category_is_covered_and_made_specific():
    found = suggest_questions(OPP, [NewsItem(1, "Northwind raises Series C")], [])
    assert {q.category for q in found} == set(QuestionCategory)
    assert set(BANK) == set(QuestionCategory)
    assert found[0].text.startswith("I read “Northwind raises Series C”")
    assert found[0].evidence == "news: Northwind raises Series C"
    specific = [q for q in found if q.evidence.startswith("posting:")]
    assert specific, "at least one question names a requirement from the posting"
    for q in specific:
        assert q.evidence.removeprefix("posting: ") in q.text
    assert not any(q.evidence.removeprefix("posting: ") in {"Python", "SQL"} for q in specific)


def test_questions_already_saved_are_not_proposed_again():
    first = suggest_questions(OPP, [], [])
    saved = [Question(1, q.text, q.category) for q in first]
    again = suggest_questions(OPP, [], saved)
    assert not {q.text for q in again} & {q.text for q in first}
    everything = saved + [Question(1, q.text, q.category) for q in again]
    assert len(everything) <= sum(len(t) for t in BANK.values())
    similar = [Question(1, "What would make the first 90 days a success?", QuestionCategory.ROLE)]
    again = suggest_questions(OPP, [], similar)
    assert not any("first 90 days" in q.text for q in again)
