"""A submission as the console shows it: answers by section, files, the diff, the decision.

Labels come from services.labels and values from the chat's review code (handlers.review.fields,
whose values the chat clips for a message and the page shows whole); what changed between
versions is decided once, by handlers.review.summary.changes, for the chat's diff and this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.web.backend.base import View
from bot.web.backend.console_types import (
    Answer,
    AnswerSection,
    Choice,
    DecisionView,
    DiffRow,
    FileView,
    SubmissionView,
    VersionDiff,
)
from handlers.review.fields import show_value
from handlers.review.summary import changes
from services.decisions import LastDecision
from services.labels import FORMS, field_keys, field_label, kind_label, section_title, status_label
from storage.models import Submission, SubmissionVersion
from storage.repos.reviews import OPEN

PREVIEWS = {"application/pdf": "pdf", "image/jpeg": "image", "image/png": "image"}
"""Types a browser shows in the page; anything else is offered as a download."""


def when(ctx: View, moment: Any) -> str:
    return moment.astimezone(ctx.tz).strftime("%Y-%m-%d %H:%M") if moment else "—"


def _answer(ctx: View, kind: str, key: str, value: object) -> Answer:
    label = field_label(kind, key, ctx.texts.lang)
    return Answer(key, label, show_value(ctx, kind, key, value, limit=None))


def sections(ctx: View, kind: str, answers: dict[str, Any]) -> list[AnswerSection]:
    """The form's sections in order, each with its answers; unknown keys come last."""
    spec, lang = FORMS.get(kind), ctx.texts.lang
    out, placed = [], set()
    for section in spec.sections if spec else ():
        keys = [n.key for n in section.nodes if n.key in answers]
        placed |= set(keys)
        shown = [_answer(ctx, kind, k, answers[k]) for k in keys]
        if shown:
            out.append(AnswerSection(section_title(kind, section.key, lang), shown))
    rest = [_answer(ctx, kind, k, v) for k, v in answers.items() if k not in placed]
    if rest:
        out.append(AnswerSection(ctx.t("web.console.other_answers"), rest))
    return out


def files(ctx: View, kind: str, version: SubmissionVersion) -> list[FileView]:
    return [
        FileView(
            version=version.version,
            index=index,
            slot=str(item.get("slot", "")),
            slot_label=field_label(kind, str(item.get("slot", "")), ctx.texts.lang),
            name=str(item.get("file_name") or "file"),
            mime=str(item.get("mime_type") or "application/octet-stream"),
            size=int(item.get("size") or 0),
            preview=PREVIEWS.get(str(item.get("mime_type"))),
        )
        for index, item in enumerate(version.attachments)
    ]


def diff(ctx: View, kind: str, old: SubmissionVersion, new: SubmissionVersion) -> VersionDiff:
    found = changes(old, new)
    keys = field_keys(kind, {**old.answers, **new.answers}, [])

    def shown(version: SubmissionVersion, key: str) -> str:
        present = key in version.answers
        return show_value(ctx, kind, key, version.answers[key], limit=None) if present else ""

    rows = [
        DiffRow(
            key,
            field_label(kind, key, ctx.texts.lang),
            shown(old, key),
            shown(new, key),
            key in found.fields,
        )
        for key in keys
    ]
    names = [str(f.get("file_name", "?")) for f in found.added]
    gone = [str(f.get("file_name", "?")) for f in found.removed]
    return VersionDiff(old.version, new.version, rows, names, gone)


def decision(ctx: View, kind: str, last: LastDecision | None) -> DecisionView | None:
    if last is None:
        return None
    return DecisionView(
        status_label(ctx.texts, last.status),
        last.by_name or str(last.by),
        when(ctx, last.at),
        last.reason,
        [field_label(kind, k, ctx.texts.lang) for k in last.fields],
    )


@dataclass(frozen=True, slots=True)
class Shown:
    """A submission with what the page shows beside it (read by the console's backend)."""

    submission: Submission
    version: SubmissionVersion | None
    previous: SubmissionVersion | None
    returnable: list[str]
    owner: str | None
    decision: LastDecision | None


def submission_view(ctx: View, shown: Shown) -> SubmissionView:
    submission, version, previous = shown.submission, shown.version, shown.previous
    kind, lang = submission.kind, ctx.texts.lang
    return SubmissionView(
        id=submission.id,
        receipt=submission.receipt_no,
        kind=kind,
        kind_label=kind_label(ctx.texts, kind),
        title=submission.title,
        status=submission.status,
        status_label=status_label(ctx.texts, submission.status),
        version=submission.version,
        owner=f"{shown.owner or '—'} (ID {submission.owner_id})",
        submitted_at=when(ctx, version.submitted_at if version else None),
        decidable=submission.status == OPEN,
        sections=sections(ctx, kind, version.answers) if version else [],
        files=files(ctx, kind, version) if version else [],
        diff=diff(ctx, kind, previous, version) if version and previous else None,
        decision=decision(ctx, kind, shown.decision),
        returnable=[Choice(k, field_label(kind, k, lang)) for k in shown.returnable],
    )
