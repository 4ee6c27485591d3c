"""playbook/asked.py: an answer several rules of a run ask alike, worked out once."""

from __future__ import annotations

import threading

from topofmind.playbook.asked import last_answer, one_run


def counted():
    calls: list[tuple] = []

    @last_answer
    def answer(*args):
        calls.append(args)
        return [len(calls)]

    return answer, calls


def test_in_a_run_the_same_objects_get_the_same_answer_without_work():
    answer, calls = counted()
    facts, now = object(), object()
    with one_run():
        first = answer(facts, now)
        assert answer(facts, now) is first
    assert len(calls) == 1


def test_equal_but_other_objects_are_worked_out_again():
    answer, calls = counted()
    with one_run():
        answer([1], 2)
        answer([1], 2)  # equal, not the same list
    assert len(calls) == 2


def test_nothing_is_kept_outside_a_run_or_after_it():
    answer, calls = counted()
    facts = object()
    answer(facts)
    answer(facts)
    with one_run():
        answer(facts)
    with one_run():
        answer(facts)  # a new run works it out again
    assert len(calls) == 4


def test_a_run_in_another_thread_keeps_its_own_answer():
    answer, calls = counted()
    facts = object()
    theirs: list = []
    with one_run():
        mine = answer(facts)
        other = threading.Thread(target=lambda: theirs.append(answer(facts)))
        other.start()
        other.join()
        assert answer(facts) is mine
    assert theirs == [[2]] and len(calls) == 2  # the other thread was in no run of this one's


def test_a_run_opened_inside_a_run_is_part_of_it():
    answer, calls = counted()
    facts = object()
    with one_run():
        first = answer(facts)
        with one_run():  # the rules run once per group inside the kept agenda's run
            assert answer(facts) is first
        assert answer(facts) is first
    assert len(calls) == 1
