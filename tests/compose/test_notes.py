"""Talking points as jotted, read for whom they concern and set in a frame they fit."""

import re

import pytest

from topofmind.compose.notes import note_sentence, read_note, split_notes, turn_to_reader, whose

PANEL = ["Marcus", "Aisha", "Priya"]


@pytest.mark.parametrize(
    ("jotted", "reader", "sentence"),
    [
        (
            "Aisha: she maintains their Airflow operator library",
            "Aisha",
            "It was good to hear that you maintain their Airflow operator library.",
        ),
        (
            "Marcus wants me to own the claims-platform migration first",
            "Marcus",
            "It was good to hear that you want me to own the claims-platform migration first.",
        ),
        (
            # "breaks" may be a noun: a frame that fits a clause or a fragment alike.
            "Marcus: late-arriving claims data breaks month-end dashboards",
            "Marcus",
            "You made a point that stays with me: "
            "late-arriving claims data breaks month-end dashboards.",
        ),
        (
            "Dana: data quality across 40 product dashboards is her top worry",
            "Dana",
            "You mentioned that data quality across 40 product dashboards is your top worry.",
        ),
        (
            "Sam: walked through the Kafka-to-dbt design",
            "Sam",
            "I appreciated that you walked through the Kafka-to-dbt design.",
        ),
        (
            "Leo: working on fraud models with streaming features",
            "Leo",
            "It was good to hear that you are working on fraud models with streaming features.",
        ),
        (
            "Dana: has a board review in March",
            "Dana",
            "It was good to hear that you have a board review in March.",
        ),
        (
            "Sam: Sam's team runs the Kafka clusters",
            "Sam",
            "You made a point that stays with me: your team runs the Kafka clusters.",
        ),
        (
            "Team is moving ingestion from batch to Kafka this quarter",
            "Priya",
            "We talked about how the team is moving ingestion from batch to Kafka this quarter.",
        ),
        (
            "streaming vs batch split",
            "Priya",
            "One point from our conversation stays with me: streaming vs batch split.",
        ),
        (
            "feature stores",
            "Priya",
            "One point from our conversation stays with me: feature stores.",
        ),
        ("dbt", "Priya", "We talked about dbt."),
        (
            "on-call rotation shared with the analytics team",
            "Priya",
            "One point from our conversation stays with me: "
            "on-call rotation shared with the analytics team.",
        ),
        # a fragment that leaves out "is" or "are" is said in full
        ("start date flexible", "Victor", "We talked about how the start date is flexible."),
        (
            "Priya: relocation support available",
            "Priya",
            "You mentioned that the relocation support is available.",
        ),
        (
            "offer decisions usually within a week of the final round",
            "Priya",
            "We talked about how the offer decisions are usually within a week of the final round.",
        ),
        ("team fully remote", "Priya", "We talked about how the team is fully remote."),
        (
            "how do they budget for warehouse costs?",
            "Priya",
            "One question from our conversation stays with me: "
            "how do they budget for warehouse costs?",
        ),
        (
            "walked through the lineage tool",
            "Priya",
            "We talked about walking through the lineage tool.",
        ),
    ],
)
def test_each_note_gets_a_frame_it_fits(jotted, reader, sentence):
    note = read_note(jotted, PANEL + [reader] if reader not in PANEL else PANEL)
    assert note_sentence(note, reader, 0) == sentence


def test_a_note_marked_or_naming_someone_never_goes_into_another_letter():
    note = read_note("Marcus wants me to own the migration first", PANEL)
    assert note.owner == "Marcus"
    assert note_sentence(note, "Aisha", 0) is None


def test_with_one_person_a_note_without_a_name_is_theirs():
    (note,) = whose([read_note("cares about documentation", ["Leo"])], ["Leo"])["Leo"]
    assert note_sentence(note, "Leo", 0) == "It was good to hear that you care about documentation."


def test_she_in_a_panel_note_without_a_name_is_left_out():
    notes = [read_note("she reviews every new DAG", PANEL)]
    assert all(not mine for mine in whose(notes, PANEL).values())
    alone = whose(notes, ["Aisha"])
    assert [n.text for n in alone["Aisha"]] == ["she reviews every new DAG"]


def test_unmarked_notes_are_shared_out_one_letter_each():
    notes = [read_note(p, PANEL) for p in ["Kafka, Flink, dbt", "exactly-once delivery", "on-call"]]
    mine = whose(notes, PANEL)
    assert sorted(len(v) for v in mine.values()) == [1, 1, 1]


@pytest.mark.parametrize(
    ("points", "split"),
    [
        (
            ["Dana: wants a mentor; thinks dbt tests are underused"],
            ["Dana: wants a mentor", "Dana: thinks dbt tests are underused"],
        ),
        (
            ["Victor: start date flexible, wants an answer within two weeks"],
            ["Victor: start date flexible", "Victor: wants an answer within two weeks"],
        ),
        (["Kafka, Flink, dbt"], ["Kafka, Flink, dbt"]),
    ],
)
def test_points_jotted_together_are_read_one_by_one(points, split):
    assert split_notes(points) == split


@pytest.mark.parametrize(
    ("clause", "turned"),
    [
        (
            "she maintains the library and runs the on-call",
            "you maintain the library and run the on-call",
        ),
        ("he is the on-call lead", "you are the on-call lead"),
        ("asked her about it", "asked you about it"),
        ("her team owns the metrics", "your team owns the metrics"),
        ("Marcus's team is hiring", "your team is hiring"),
    ],
)
def test_turning_a_note_to_its_reader(clause, turned):
    assert turn_to_reader(clause, "Marcus") == turned


JOTTED = [
    "she thinks the migration will take a year",
    "he runs the data guild and hosts a monthly demo day",
    "Marcus: his biggest concern is hiring",
    "asked me about my weaknesses",
    "told me about the reorg",
    "reorg in January",
    "Marcus said the team is growing",
    "budget?",
    "They use Snowflake",
    "Marcus: loves Python, hates YAML",
    "interviewing 5 candidates",
    "3 rounds left",
    "Marcus: was at Spotify before",
    "Marcus: doesn't like take-homes",
    "Marcus: isn't sure about remote",
    "cares about documentation",
    "Marcus: they're hiring a PM too",
    "claims data volumes doubling",
    "salary band confirmed",
    "Atlas hiring freeze lifted in October",
    "Marcus: she",
    "Marcus:",
]


@pytest.mark.parametrize("jotted", JOTTED)
def test_any_jotted_note_reads_grammatically_to_its_reader(jotted):
    from topofmind.compose.grammar import grammar

    notes = whose([read_note(p, ["Marcus"]) for p in split_notes([jotted])], ["Marcus"])
    for slot, note in enumerate(notes["Marcus"]):
        said = note_sentence(note, "Marcus", slot)
        if said is None:
            continue
        assert grammar(said) == [], said
        assert not re.search(r"\b(she|he|his|him|Marcus)\b", said), said
