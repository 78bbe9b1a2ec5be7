"""A submission's files for the reviewer: one album, each caption naming its item of Art. 6.

The album goes before the card, so the card with the decision buttons is the last message and
stays in sight. From version 2 on only the files that changed (by SHA-256) are sent again; the
card says which items are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handlers.context import Context
from policy.attachments import RULES, Slot
from policy.forms.application import APPLICATION as APPLICATION_FORM
from services.labels import field_label
from services.messages.actions import AlbumItem, SendAlbum, albums
from storage.models import Submission, SubmissionVersion

APPLICATION = APPLICATION_FORM.name


def slot_label(ctx: Context, kind: str, slot: str) -> str:
    """The item as Art. 6 names it, with its paragraph; other forms' slots by their label."""
    if kind == APPLICATION and slot in {s.value for s in Slot}:
        rule = RULES[Slot(slot)]
        return ctx.t(
            "review.slot_item", item=rule.label.text(ctx.texts.lang), article=rule.article
        )
    return field_label(kind, slot, ctx.texts.lang)


@dataclass(frozen=True, slots=True)
class FileSplit:
    """The version's files: those to send, and those the previous version already had."""

    fresh: list[dict[str, Any]]
    unchanged: list[dict[str, Any]]


def split(version: SubmissionVersion, previous: SubmissionVersion | None) -> FileSplit:
    files = [f for f in version.attachments if f.get("file_id")]
    before = {f.get("sha256") for f in previous.attachments} if previous else set()
    before.discard(None)
    return FileSplit(
        [f for f in files if f.get("sha256") not in before],
        [f for f in files if f.get("sha256") in before],
    )


def album(
    ctx: Context, submission: Submission, version: SubmissionVersion, files: list[dict[str, Any]]
) -> list[SendAlbum]:
    """The files as albums of at most ten, every caption: receipt · item · file name."""
    items = [
        AlbumItem(
            file_id=str(f["file_id"]),
            caption=ctx.t(
                "review.file_caption",
                receipt=submission.receipt_no,
                slot=slot_label(ctx, submission.kind, str(f.get("slot", ""))),
                name=str(f.get("file_name") or ""),
            ),
        )
        for f in files
    ]
    return albums(ctx.chat_id, items)
