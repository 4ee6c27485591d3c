"""A phone screen or interview that took place moves an opportunity on, never back."""

from __future__ import annotations

import pytest

from topofmind.domain.enums import InteractionKind, Stage, stage_after

SCREEN, INTERVIEW, MEETING = (
    InteractionKind.PHONE_SCREEN,
    InteractionKind.INTERVIEW,
    InteractionKind.MEETING,
)


@pytest.mark.parametrize(
    ("current", "kind", "moved_to"),
    [
        (Stage.RESEARCHING, SCREEN, Stage.SCREENING),
        (Stage.APPLIED, SCREEN, Stage.SCREENING),
        (Stage.APPLIED, INTERVIEW, Stage.INTERVIEWING),
        (Stage.SCREENING, INTERVIEW, Stage.INTERVIEWING),
        (Stage.SCREENING, SCREEN, None),  # already there
        (Stage.INTERVIEWING, SCREEN, None),  # never back
        (Stage.OFFER, INTERVIEW, None),
        (Stage.ON_HOLD, INTERVIEW, None),  # the person put it on hold; theirs to undo
        (Stage.REJECTED, INTERVIEW, None),
        (Stage.APPLIED, MEETING, None),  # a meeting says nothing of the stage
    ],
)
def test_stage_after(current, kind, moved_to):
    assert stage_after(current, kind) is moved_to
