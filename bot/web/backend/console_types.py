"""What the staff console sends to the backend and gets back: plain, typed, JSON-ready.

Every text here is plain (the page inserts it as text, never as markup) and already in the
caller's language; codes (`value`, `status`, `kind`) are what the page sends back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policy.states import SubmissionStatus


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class QueueOptions:
    """What the queue can be filtered by; `years` are those anything was handed in for.
    `lang` is the language the server speaks to this caller (their /language choice wins)."""

    lang: str
    kinds: list[Choice]
    statuses: list[Choice]
    categories: list[Choice]
    divisions: list[Choice]
    years: list[int]


@dataclass(frozen=True, slots=True)
class QueueQuery:
    kind: str | None = None
    status: str | None = SubmissionStatus.SUBMITTED
    category: str | None = None
    division: str | None = None
    year: int | None = None
    page: int = 0


@dataclass(frozen=True, slots=True)
class QueueItem:
    id: int
    receipt: str
    kind: str
    kind_label: str
    title: str
    status: str
    status_label: str
    version: int
    year: int
    category: str | None
    division: str | None
    at: str


@dataclass(frozen=True, slots=True)
class QueuePage:
    total: int
    page: int
    pages: int
    items: list[QueueItem]


@dataclass(frozen=True, slots=True)
class Answer:
    key: str
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class AnswerSection:
    title: str
    answers: list[Answer]


@dataclass(frozen=True, slots=True)
class FileView:
    """One attachment of a version; `index` addresses it for the preview endpoint."""

    version: int
    index: int
    slot: str
    slot_label: str
    name: str
    mime: str
    size: int
    preview: str | None  # "pdf" | "image" | None (download only)


@dataclass(frozen=True, slots=True)
class DiffRow:
    key: str
    label: str
    old: str
    new: str
    changed: bool


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """v(n-1) | v(n): every answer of either version, changed ones marked; files by name."""

    old: int
    new: int
    rows: list[DiffRow]
    files_added: list[str]
    files_removed: list[str]


@dataclass(frozen=True, slots=True)
class DecisionView:
    status_label: str
    by: str
    at: str
    reason: str | None
    fields: list[str]


@dataclass(frozen=True, slots=True)
class SubmissionView:
    id: int
    receipt: str
    kind: str
    kind_label: str
    title: str
    status: str
    status_label: str
    version: int
    owner: str
    submitted_at: str
    decidable: bool
    sections: list[AnswerSection]
    files: list[FileView]
    diff: VersionDiff | None
    decision: DecisionView | None
    returnable: list[Choice]
    confirm: dict[str, str] = field(default_factory=dict)
    """approve | return | reject → what confirming it sets in motion, for this kind."""


@dataclass(frozen=True, slots=True)
class DecisionInput:
    """A reviewer's decision on the version they saw: `choice` is approve | return | reject."""

    submission_id: int
    version: int
    choice: str
    reason: str = ""
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DecisionResult:
    message: str
    status: str
    status_label: str


@dataclass(frozen=True, slots=True)
class FileContent:
    name: str
    mime: str
    content: bytes
    inline: bool


@dataclass(frozen=True, slots=True)
class StudioYear:
    year: int
    support_year: int
    assessment: str  # plain text: passed, failed or not yet
    passed: bool | None
    subsidy: int


@dataclass(frozen=True, slots=True)
class StudioView:
    id: int
    name: str
    unit: str
    leader: str
    category_label: str
    division_label: str
    status: str
    status_label: str
    approved_on: str
    support_ends_on: str
    phase: str
    construction_cap: int
    subsidies: int
    years: list[StudioYear]
    contact_linked: bool


@dataclass(frozen=True, slots=True)
class StudiosPage:
    total: int
    page: int
    pages: int
    query: str
    items: list[StudioView]


@dataclass(frozen=True, slots=True)
class Bar:
    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    title: str
    total: int
    bars: list[Bar]


@dataclass(frozen=True, slots=True)
class StatsView:
    charts: list[Chart]
    checks: str  # the eligibility checks in one sentence, as /stats says it


@dataclass(frozen=True, slots=True)
class Workbook:
    file_name: str
    content: bytes


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A staff member and the language their console button speaks."""

    user_id: int
    lang: str
    label: str
