"""A submission as the console shows it: answers by section, files, the diff, the decision.

Labels and values come from the chat's review code (handlers.review.fields, whose values the
chat clips for a message and the page shows whole); what changed between versions is decided
once, by handlers.review.summary.changes, for the chat's diff and this one.
"""

from __future__ import annotations

from typing import Any

from bot.web.backend.confirm_view import confirmations
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
from handlers.context import Context
from handlers.review.fields import FORMS, field_keys, field_label, section_title, show_value
from handlers.review.summary import changes, kind_label, status_label
from storage.models import Submission, SubmissionVersion
from storage.repos.reviews import OPEN

PREVIEWS = {"application/pdf": "pdf", "image/jpeg": "image", "image/png": "image"}
"""Types a browser shows in the page; anything else is offered as a download."""


def when(ctx: Context, moment: Any) -> str:
    return moment.astimezone(ctx.config.tz).strftime("%Y-%m-%d %H:%M") if moment else "—"


def _answer(ctx: Context, kind: str, key: str, value: object) -> Answer:
    label = field_label(kind, key, ctx.texts.lang)
    return Answer(key, label, show_value(ctx, kind, key, value, limit=None))


def sections(ctx: Context, kind: str, answers: dict[str, Any]) -> list[AnswerSection]:
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


def files(ctx: Context, kind: str, version: SubmissionVersion) -> list[FileView]:
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


def diff(ctx: Context, kind: str, old: SubmissionVersion, new: SubmissionVersion) -> VersionDiff:
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


async def decision(ctx: Context, submission: Submission) -> DecisionView | None:
    """The last decision; on an open submission that is the return it was revised after."""
    if submission.decided_by is None:
        return None
    user = await ctx.uow.users.get(submission.decided_by)
    shown = "returned" if submission.status == OPEN else submission.status
    return DecisionView(
        status_label(ctx, shown),
        (user.first_name if user else "") or str(submission.decided_by),
        when(ctx, submission.decided_at),
        submission.decision_reason,
        [field_label(submission.kind, k, ctx.texts.lang) for k in submission.fields_to_fix or []],
    )


async def submission_view(
    ctx: Context,
    submission: Submission,
    version: SubmissionVersion | None,
    previous: SubmissionVersion | None,
    returnable: list[str],
) -> SubmissionView:
    owner = await ctx.uow.users.get(submission.owner_id)
    kind, lang = submission.kind, ctx.texts.lang
    return SubmissionView(
        id=submission.id,
        receipt=submission.receipt_no,
        kind=kind,
        kind_label=kind_label(ctx, kind),
        title=submission.title,
        status=submission.status,
        status_label=status_label(ctx, submission.status),
        version=submission.version,
        owner=f"{(owner.first_name if owner else '') or '—'} (ID {submission.owner_id})",
        submitted_at=when(ctx, version.submitted_at if version else None),
        decidable=submission.status == OPEN,
        sections=sections(ctx, kind, version.answers) if version else [],
        files=files(ctx, kind, version) if version else [],
        diff=diff(ctx, kind, previous, version) if version and previous else None,
        decision=await decision(ctx, submission),
        returnable=[Choice(k, field_label(kind, k, lang)) for k in returnable],
        confirm=confirmations(ctx, kind, submission.title),
    )
