"""Which draft `/apply` opens: a returned submission's revision first, then the unit's own
draft, else a new one. A unit may apply for several studios, each with its own master (第五条,
第六条); what must not happen twice is checked at submit (handlers.application.checks)."""

from __future__ import annotations

from handlers.context import Context
from handlers.revision import returned_note
from policy.forms.application import APPLICATION
from policy.forms.walk import question_count
from services.revisions import revision_draft
from storage.models import Draft
from storage.repos.drafts import DraftsRepo

KIND = "application"


async def open_application(ctx: Context) -> tuple[Draft, str | None] | None:
    revision = await revision_draft(ctx.uow, ctx.user_id, KIND, ctx.now())
    if revision is not None:
        return revision[0], returned_note(ctx, KIND, revision[1])
    drafts = ctx.uow.repo(DraftsRepo)
    draft = await drafts.find(ctx.user_id, KIND)
    if draft is not None:
        return draft, ctx.t("forms.resumed")
    draft = await drafts.create(ctx.user_id, KIND, ctx.now())
    total = question_count(APPLICATION, draft.answers or {})
    intro = ctx.t("forms.intro", command="/apply", total=total)
    return draft, ctx.t("application.welcome") + "\n" + intro
