"""What a reviewer reads when opening a submission: facts, answers, files, and what changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handlers.context import Context
from handlers.review.album import FileSplit, slot_label, split
from handlers.review.fields import show_value
from services.decisions import return_note
from services.labels import field_label, kind_label, status_label
from storage.models import Submission, SubmissionVersion

MESSAGE_MAX = 3900  # Telegram allows 4096 characters; keep room for the headline
DIFF_VALUE_MAX = 80
DIFF_LINES_MAX = 20


def _value(ctx: Context, kind: str, key: str, value: object, limit: int | None = None) -> str:
    text = show_value(ctx, kind, key, value)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def answer_lines(ctx: Context, kind: str, answers: dict[str, Any]) -> list[str]:
    return [
        ctx.t(
            "review.answer_line",
            field=field_label(kind, k, ctx.texts.lang),
            value=_value(ctx, kind, k, v),
        )
        for k, v in answers.items()
    ]


def fit(head: str, lines: list[str], tail: str, note: str) -> str:
    """Whole lines only (never a cut HTML tag), as many as Telegram's limit allows."""
    budget = MESSAGE_MAX - len(head) - len(tail) - len(note) - 4
    kept: list[str] = []
    for line in lines:
        budget -= len(line) + 1
        if budget < 0:
            kept.append(note)
            break
        kept.append(line)
    return "\n\n".join(p for p in (head, "\n".join(kept), tail) if p)


def files_block(ctx: Context, kind: str, files: FileSplit | None) -> str:
    """The files by their item of Art. 6: sent above in the album, or unchanged since before."""
    if files is None or not (files.fresh or files.unchanged):
        return ctx.t("review.no_files")
    lines = [ctx.t("review.files", count=len(files.fresh) + len(files.unchanged))]
    for f in files.fresh:
        slot = slot_label(ctx, kind, str(f.get("slot", "")))
        lines.append(ctx.t("review.file_line", slot=slot, name=f.get("file_name", "?")))
    if files.unchanged:
        slots = dict.fromkeys(
            slot_label(ctx, kind, str(f.get("slot", ""))) for f in files.unchanged
        )
        lines.append(ctx.t("review.files_unchanged", items=ctx.t("forms.sep").join(slots)))
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Changes:
    """What differs between two versions: answers (form order), files added and removed."""

    fields: list[str]
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]


def changes(old: SubmissionVersion, new: SubmissionVersion) -> Changes:
    """Files are told apart by Telegram's file_unique_id: the same file re-sent is no change."""
    keys = [*old.answers, *(k for k in new.answers if k not in old.answers)]
    old_files = {f.get("file_unique_id"): f for f in old.attachments}
    new_files = {f.get("file_unique_id"): f for f in new.attachments}
    return Changes(
        [k for k in keys if old.answers.get(k) != new.answers.get(k)],
        [f for uid, f in new_files.items() if uid not in old_files],
        [f for uid, f in old_files.items() if uid not in new_files],
    )


def _before_after(ctx: Context, kind: str, key: str, version: SubmissionVersion) -> str:
    shown = _value(ctx, kind, key, version.answers.get(key), DIFF_VALUE_MAX)
    return shown or ctx.t("review.empty")


def diff_block(ctx: Context, kind: str, old: SubmissionVersion, new: SubmissionVersion) -> str:
    """Field → old → new for every answer that changed, and the files added or removed."""
    found = changes(old, new)
    lines = [
        ctx.t(
            "review.diff_line",
            field=field_label(kind, key, ctx.texts.lang),
            old=_before_after(ctx, kind, key, old),
            new=_before_after(ctx, kind, key, new),
        )
        for key in found.fields
    ]
    lines += [ctx.t("review.diff_file_added", name=f.get("file_name", "?")) for f in found.added]
    lines += [
        ctx.t("review.diff_file_removed", name=f.get("file_name", "?")) for f in found.removed
    ]
    if len(lines) > DIFF_LINES_MAX:
        more = len(lines) - DIFF_LINES_MAX
        lines = [*lines[:DIFF_LINES_MAX], ctx.t("review.diff_more", count=more)]
    head = ctx.t("review.diff_head", old=old.version, new=new.version)
    return head + "\n" + ("\n".join(lines) if lines else ctx.t("review.diff_none"))


async def summary_text(
    ctx: Context,
    submission: Submission,
    version: SubmissionVersion | None,
    previous: SubmissionVersion | None,
) -> str:
    owner = await ctx.uow.users.get(submission.owner_id)
    submitted = version.submitted_at.astimezone(ctx.config.tz) if version else None
    parts = [
        ctx.t(
            "review.summary_head",
            kind=kind_label(ctx.texts, submission.kind),
            title=submission.title,
            receipt=submission.receipt_no,
            status=status_label(ctx.texts, submission.status),
            version=submission.version,
            owner=(owner.first_name if owner else "") or str(submission.owner_id),
            owner_id=submission.owner_id,
            at=submitted.strftime("%Y-%m-%d %H:%M") if submitted else "—",
        )
    ]
    if version is not None and previous is not None:
        parts.append(diff_block(ctx, submission.kind, previous, version))
        note = return_note(submission)
        if note is not None and note.revised and note.reason:
            parts.append(ctx.t("review.last_reason", reason=note.reason))
    lines = answer_lines(ctx, submission.kind, version.answers) if version else []
    files = split(version, previous) if version else None
    tail = files_block(ctx, submission.kind, files)
    return fit("\n\n".join(parts), lines, tail, ctx.t("review.clipped"))
