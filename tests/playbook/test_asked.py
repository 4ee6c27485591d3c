"""playbook/asked.py: an answer several rules of a run ask alike, worked out once."""

from __future__ import annotations

import threading

from topofmind.playbook.asked import last_answer


def counted():
    calls: list[tuple] = []

    @last_answer
    def answer(*args):
        calls.append(args)
        return [len(calls)]

    return answer, calls


def test_the_same_objects_get_the_same_answer_without_work():
    answer, calls = counted()
    facts, now = object(), object()
    first = answer(facts, now)
    assert answer(facts, now) is first
    assert len(calls) == 1


def test_equal_but_other_objects_are_worked_out_again():
    answer, calls = counted()
    answer([1], 2)
    answer([1], 2)  # equal, not the same list
    assert len(calls) == 2


def test_each_thread_keeps_its_own_answer():
    answer, calls = counted()
    facts = object()
    mine = answer(facts)
    theirs: list = []
    other = threading.Thread(target=lambda: theirs.append(answer(facts)))
    other.start()
    other.join()
    assert theirs[0] is not mine and theirs[0] == [2]
    assert answer(facts) is mine  # the other thread's answer did not replace this one's
