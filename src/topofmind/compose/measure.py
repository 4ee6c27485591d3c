"""How well the draft check tells a broken draft from a good one, on a labelled set.

    python -m topofmind.compose.measure tests/compose/data/check_set.json

Each item of the set is a draft (subject, body), the facts the check compares it with,
a label ("good" or "broken") and why. The figures go into docs/drafts.md, and a test
fails when they fall below what the page says (95% of broken flagged, 5% of good).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from topofmind.compose.check import CheckFacts, check_draft


@dataclass
class Figures:
    good: int = 0
    broken: int = 0
    good_flagged: int = 0
    broken_flagged: int = 0
    #: (why, findings) of every item the check got wrong.
    misses: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def caught(self) -> float:
        return self.broken_flagged / self.broken if self.broken else 0.0

    @property
    def false_alarms(self) -> float:
        return self.good_flagged / self.good if self.good else 0.0

    def sentence(self) -> str:
        return (
            f"flags {self.broken_flagged} of {self.broken} broken drafts "
            f"({self.caught:.0%}) and {self.good_flagged} of {self.good} good ones "
            f"({self.false_alarms:.0%})"
        )


def measure(path: Path) -> Figures:
    figures = Figures()
    for item in json.loads(Path(path).read_text(encoding="utf-8")):
        findings = check_draft(item["subject"], item["body"], CheckFacts(**item["facts"]))
        flagged = bool(findings)
        if item["label"] == "broken":
            figures.broken += 1
            figures.broken_flagged += flagged
            if not flagged:
                figures.misses.append((item["why"], []))
        else:
            figures.good += 1
            figures.good_flagged += flagged
            if flagged:
                figures.misses.append((item["why"], [str(f) for f in findings]))
    return figures


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "tests/compose/data/check_set.json")
    figures = measure(path)
    print(f"The check {figures.sentence()}.")
    for why, findings in figures.misses:
        print(f"  wrong on: {why} {findings}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
