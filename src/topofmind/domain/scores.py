"""A top-of-mind score: a figure from 0 to 100 for one opportunity or person, and its parts.

``playbook.score`` computes them; the store keeps one per subject and day
(``store.scores``) to draw over time.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ScorePart:
    name: str
    points: int
    max_points: int
    explanation: str


@dataclass
class Score:
    #: "opportunity" or "person".
    subject_kind: str
    subject_id: int
    name: str
    score: int
    parts: list[ScorePart] = field(default_factory=list)

    @property
    def line(self) -> str:
        """Each part's contribution in one line."""
        return "; ".join(
            f"{p.name} {p.points}/{p.max_points} ({p.explanation})" for p in self.parts
        )
