"""All tables, imported here so that Alembic and `Base.metadata` see every one."""

from storage.models.annual import Assessment, CalendarOverride, Subsidy
from storage.models.base import Base
from storage.models.core import (
    AuditEntry,
    Conversation,
    DeadLetter,
    OutboxMessage,
    ProcessedUpdate,
    User,
)
from storage.models.eligibility import EligibilityOutcome, Finding
from storage.models.lifecycle import (
    AcceptanceRow,
    RevocationRow,
    SupportPeriodRow,
    TitleKeptRow,
    YearTargets,
)
from storage.models.studios import BindingCode, Studio
from storage.models.submissions import (
    Attachment,
    Draft,
    ReceiptCounter,
    Submission,
    SubmissionVersion,
)

__all__ = [
    "AcceptanceRow",
    "Assessment",
    "Attachment",
    "AuditEntry",
    "Base",
    "BindingCode",
    "CalendarOverride",
    "Conversation",
    "DeadLetter",
    "Draft",
    "EligibilityOutcome",
    "Finding",
    "OutboxMessage",
    "ProcessedUpdate",
    "ReceiptCounter",
    "RevocationRow",
    "Studio",
    "Submission",
    "SubmissionVersion",
    "Subsidy",
    "SupportPeriodRow",
    "TitleKeptRow",
    "User",
    "YearTargets",
]
