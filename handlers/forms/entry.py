"""The chat's entry of one answer: the question the cursor asks, saved through the service
(services.drafts.answers) the Mini App's page saves through too, so an answer typed in either
is refused or stored alike."""

from __future__ import annotations

from handlers.context import Context
from policy.forms.spec import FormSpec
from services.drafts.access import Refused
from services.drafts.answers import Invalid, SaveAnswer, Saved, answer_path, save_answer


async def enter(
    ctx: Context,
    spec: FormSpec,
    draft_id: int,
    where: tuple[str, int | None, str | None],
    raw: str | None,
    pressed: bool,
) -> Saved | Invalid | Refused:
    """Save `raw` (None: skipped) at `where`, a question's key or a group's item and member."""
    request = SaveAnswer(ctx.user_id, draft_id, spec, answer_path(*where), raw, pressed)
    return await save_answer(ctx.uow, request, ctx.now())
