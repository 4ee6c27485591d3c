"""The one list of playbook rules, filled by the ``@rule`` decorator in each rule module.

`tom rules` prints it, the engine runs it, and a test can pick one rule by name.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from topofmind.domain.actions import Action
from topofmind.domain.facts import Facts
from topofmind.domain.records import Profile
from topofmind.settings import Settings

RuleFunc = Callable[[Facts, datetime, Settings, Profile], list[Action]]


@dataclass(frozen=True)
class Rule:
    name: str
    #: The chapter strategy the rule serves.
    strategy: str
    func: RuleFunc
    #: Names of the settings the rule reads.
    settings: tuple[str, ...] = ()
    #: Rules whose action this rule's action takes over on the same opportunity while it
    #: is open (an update is the check-in; a thank-you carries the point you wished for).
    folds: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The first line of the rule module's docstring."""
        doc = (sys.modules[self.func.__module__].__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


RULES: list[Rule] = []


def rule(name: str, strategy: str, settings: tuple[str, ...] = (), folds: tuple[str, ...] = ()):
    """Register the decorated function as the playbook rule ``name``."""

    def register(func: RuleFunc) -> RuleFunc:
        RULES.append(Rule(name, strategy, func, tuple(settings), tuple(folds)))
        return func

    return register


def takers_of(rule_name: str) -> frozenset[str]:
    """The rules whose open action takes over an action of ``rule_name`` (its ``folds``)."""
    return frozenset(r.name for r in load_rules() if rule_name in r.folds)


def get_rule(name: str) -> Rule:
    for candidate in load_rules():
        if candidate.name == name:
            return candidate
    raise KeyError(name)


#: The rule modules, in the order `tom rules` lists them.
RULE_MODULES = (
    "thank_you",
    "respond",
    "supplementary",
    "periodic_update",
    "check_in",
    "research",
    "questions",
    "introduction",
    "connect",
    "engage",
    "event",
    "informational",
    "close_loop",
    "offer",
    "news",
)

#: Each rule module's place in that order.
MODULE_ORDER = {f"topofmind.playbook.{name}": i for i, name in enumerate(RULE_MODULES)}


def load_rules() -> list[Rule]:
    """Every rule, in the order of RULE_MODULES, whichever module was imported first (the
    score reads the respond rule's due, for one)."""
    for name in RULE_MODULES:
        importlib.import_module(f"topofmind.playbook.{name}")
    RULES.sort(key=lambda r: MODULE_ORDER[r.func.__module__])  # stable: a module's order kept
    return RULES
