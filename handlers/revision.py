"""A returned submission as its form reopens, the same for an application, a plan and a report:
the note saying what staff asked (services.revisions reads it), and the fields to fix flagged
on the summary until each is changed."""

from __future__ import annotations

from handlers.context import Context
from handlers.forms import FormSession
from services.decisions import ReturnNote
from services.labels import field_names, kind_label
from services.revisions import to_fix
from storage.models import SubmissionVersion


def returned_note(ctx: Context, kind: str, returned: ReturnNote) -> str:
    return ctx.t(
        "review.reopened",
        kind=kind_label(ctx.texts, kind),
        receipt=returned.receipt,
        reason=returned.reason or "—",
        fields=field_names(ctx.texts, kind, list(returned.fields)) or "—",
    )


async def still_to_fix(form: FormSession) -> set[str]:
    """The fields staff asked to fix that the revision has not changed yet."""
    fix = await to_fix(form.ctx.uow, form.draft)
    if fix is None:
        return set()
    if fix.returned is None:
        return set(fix.fields)
    return {key for key in fix.fields if not _changed(form, fix.returned, key)}


def _changed(form: FormSession, returned: SubmissionVersion, key: str) -> bool:
    """Whether the answer (or the files) at ``key`` differ from the version staff returned."""
    if key in form.slots or any(a.get("slot") == key for a in returned.attachments or []):
        now = sorted(f.sha256 for f in form.files if f.slot == key)
        then = sorted(
            str(a.get("sha256")) for a in returned.attachments or [] if a.get("slot") == key
        )
        return now != then
    return form.answers.get(key) != (returned.answers or {}).get(key)
