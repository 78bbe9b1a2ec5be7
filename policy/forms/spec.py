"""The declarative form format: fields, repeated groups and file slots, grouped in sections.

A :class:`FormSpec` is data. It says what to ask, in which order, under which condition, and how
to check each answer; the walker in ``handlers/forms`` turns it into a conversation. Texts are
not here: the walker finds a node's label, prompt and example in the catalogs under
``<form name>.f.<key>.label|prompt|example`` (group members: ``<form>.f.<group>.<key>.*``), and
falls back to the node's own :class:`~policy.i18n.Label` for the label.

Keys are short ASCII identifiers (``[a-z0-9_]``, at most 24 characters): they go into button
payloads and the draft's cursor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final, TypeVar

from policy import divisions
from policy.attachments import FileType, SlotRule
from policy.i18n import Label, Lang

Answers = Mapping[str, Any]
Predicate = Callable[[Answers], bool]
Check = Callable[[Any, Answers], None]
"""A cross-field check of an accepted value; raises FieldError to refuse it."""

KEY: Final = re.compile(r"[a-z][a-z0-9_]{0,23}")
E = TypeVar("E", bound=StrEnum)


class Kind(StrEnum):
    """How an answer is typed and checked (see :func:`policy.forms.parse.parse_text`)."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    PERSON_NAME = "person_name"
    ORGANISATION = "organisation"
    ID_NUMBER = "id_number"
    CREDIT_CODE = "credit_code"
    MOBILE = "mobile"
    CERTIFICATE = "certificate"
    COUNT = "count"
    AMOUNT = "amount"
    AREA = "area"
    DATE = "date"
    YEAR = "year"
    CHOICE = "choice"
    YES_NO = "yes_no"
    DIVISION = "division"


BUTTON_KINDS: Final = frozenset({Kind.CHOICE, Kind.YES_NO, Kind.DIVISION})


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: Label


def choices_of(members: Iterable[E], label: Callable[[E, Lang], str]) -> tuple[Choice, ...]:
    """Buttons for a policy enum, labelled by its own bilingual label function."""
    return tuple(Choice(m.value, Label(label(m, "zh"), label(m, "en"))) for m in members)


YES_NO: Final = (Choice("yes", Label("是", "Yes")), Choice("no", Label("否", "No")))
DIVISIONS: Final = choices_of(divisions.Division, divisions.label)


@dataclass(frozen=True, slots=True)
class Field:
    """One answer. ``when`` hides it unless it holds; a hidden answer is never submitted."""

    key: str
    kind: Kind
    required: bool = True
    when: Predicate | None = None
    choices: tuple[Choice, ...] = ()
    max_length: int = 100
    minimum: int | None = None
    maximum: int | None = None
    past_only: bool = False
    check: Check | None = None
    label: Label | None = None

    def visible(self, answers: Answers) -> bool:
        return self.when is None or self.when(answers)

    def options(self) -> tuple[Choice, ...]:
        """The buttons of a choice, yes/no or division field (empty for typed fields)."""
        if self.kind is Kind.YES_NO:
            return YES_NO
        if self.kind is Kind.DIVISION:
            return DIVISIONS
        return self.choices


@dataclass(frozen=True, slots=True)
class Group:
    """A repeated group (team members, honours, equipment): a list of items of ``fields``."""

    key: str
    fields: tuple[Field, ...]
    min_items: int = 0
    max_items: int = 20
    when: Predicate | None = None
    label: Label | None = None

    def visible(self, answers: Answers) -> bool:
        return self.when is None or self.when(answers)

    def member(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True, slots=True)
class FileSlot:
    """Files for one slot of the materials; ``required`` slots block submission while empty."""

    key: str
    required: bool
    multiple: bool
    accepts: frozenset[FileType]
    when: Predicate | None = None
    label: Label | None = None

    def visible(self, answers: Answers) -> bool:
        return self.when is None or self.when(answers)

    @classmethod
    def of(cls, rule: SlotRule) -> FileSlot:
        return cls(rule.slot.value, rule.mandatory, rule.multiple, rule.accepts, label=rule.label)


Node = Field | Group | FileSlot


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """A rule the answers break (e.g. 第四条 not met): shown at ``key`` and blocking Submit."""

    key: str
    article: str
    text: Label


IssueRule = Callable[[Answers, date], Sequence[Issue]]


def _no_issues(answers: Answers, today: date) -> Sequence[Issue]:
    return ()


@dataclass(frozen=True)
class FormSpec:
    """A whole form: its name (the catalog prefix), sections, and the rules across answers."""

    name: str
    sections: tuple[Section, ...]
    issues: IssueRule = _no_issues
    nodes: tuple[Node, ...] = field(init=False)

    def __post_init__(self) -> None:
        nodes = tuple(n for s in self.sections for n in s.nodes)
        object.__setattr__(self, "nodes", nodes)
        keys = [n.key for n in nodes]
        members = [f"{g.key}.{f.key}" for g in nodes if isinstance(g, Group) for f in g.fields]
        bad = [k for k in keys + [m.split(".")[1] for m in members] if not KEY.fullmatch(k)]
        if bad or len(set(keys)) != len(keys) or len(set(members)) != len(members):
            raise ValueError(f"form {self.name}: keys must be unique and match {KEY.pattern}")

    def node(self, key: str) -> Node | None:
        return next((n for n in self.nodes if n.key == key), None)

    def section_of(self, key: str) -> Section:
        return next(s for s in self.sections if any(n.key == key for n in s.nodes))
