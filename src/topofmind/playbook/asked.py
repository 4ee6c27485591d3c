"""Answers several rules of one run ask alike, worked out once per run.

Some questions are asked by more than one rule of a run (the check-in rule asks which
updates are owed, as the update rule does) or once per opportunity about the whole
record (which check-ins were marked done by hand). ``run_rules`` opens a run
(``one_run``), or joins the one open around it (the kept agenda runs the rules once per
group of people, on facts that share the whole record's achievements); inside it, a
function marked ``last_answer`` gives its answer again while it is asked about the very
same objects (the run's facts, ``now``, settings and profile). The answers go with the
run: nothing holds a record's facts after it, and runs in other threads (the web app's
requests) have answers of their own. Outside a run the function simply answers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

#: The answers of the run under way, by function: (what it was asked, its answer).
_RUN: ContextVar[dict[Callable, tuple[tuple, Any]] | None] = ContextVar("run", default=None)


@contextmanager
def one_run() -> Iterator[None]:
    """The answers given inside the block are kept until it ends; inside a run already
    open, the block is part of it."""
    if _RUN.get() is not None:
        yield
        return
    token = _RUN.set({})
    try:
        yield
    finally:
        _RUN.reset(token)


def last_answer(function: Callable[P, R]) -> Callable[P, R]:
    """``function``, answering again without work when asked, in the same run, about
    the same objects (``is``, not ``==``: facts are compared by identity, never walked)."""

    @functools.wraps(function)
    def asked(*args: P.args, **kwargs: P.kwargs) -> R:
        answers = _RUN.get()
        if answers is None or kwargs:
            return function(*args, **kwargs)
        kept = answers.get(function)
        if kept is not None and _same(kept[0], args):
            return kept[1]
        answer = function(*args, **kwargs)
        answers[function] = (args, answer)
        return answer

    return asked


def _same(one: tuple, other: tuple) -> bool:
    return len(one) == len(other) and all(a is b for a, b in zip(one, other, strict=True))
