"""Recording a withdrawal of the title (第十七条) as decided per 第十八条: ground, 文号, date,
equipment to recover, then a confirmation before anything is written."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from handlers.context import Context
from handlers.studios.card import FLOW, show_card
from policy.revocation import RevocationGround
from policy.revocation import label as ground_label
from policy.revocation_decision import RevocationDecision, state_after
from policy.studio_status import label as state_label
from policy.validators.errors import FieldError
from policy.validators.numbers import parse_date
from services import studio_decisions
from services.messages.keyboards import button, rows
from storage.models import Conversation

MAX_TEXT = 500


async def start(ctx: Context, studio_id: int) -> None:
    conv = await ctx.uow.conversations.open(
        ctx.user_id, FLOW, "revoke_ground", {"studio": studio_id}
    )
    ctx.conversation = conv
    grounds = [
        button(ground_label(g, ctx.texts.lang), FLOW, f"ground:{g.value}", conv.seq)
        for g in RevocationGround
    ]
    ctx.show(ctx.t("studio.ask_revoke_ground"), rows(grounds))


async def on_button(ctx: Context, conv: Conversation, verb: str, arg: str) -> None:
    if conv.step == "revoke_ground" and verb == "ground" and arg in set(RevocationGround):
        await ctx.uow.conversations.save(conv, "revoke_document", {**conv.data, "ground": arg})
        ctx.show(ctx.t("studio.ask_revoke_document"))
    elif conv.step == "revoke_confirm" and verb == "yes":
        await _record(ctx, conv)
    elif conv.step == "revoke_confirm" and verb == "no":
        await ctx.uow.conversations.close(ctx.user_id)
        ctx.show(ctx.t("studio.cancelled"))
    else:
        ctx.answer(ctx.t("common.stale_button"), alert=True)


async def on_text(ctx: Context, conv: Conversation, text: str) -> None:
    value = text.strip()
    if conv.step == "revoke_ground":
        ctx.send(ctx.t("common.use_buttons"))
    elif not value or len(value) > MAX_TEXT:
        ctx.send(ctx.t("studio.bad_text", limit=MAX_TEXT))
    elif conv.step == "revoke_document":
        await ctx.uow.conversations.save(conv, "revoke_date", {**conv.data, "document": value})
        ctx.send(ctx.t("studio.ask_revoke_date"))
    elif conv.step == "revoke_date":
        await _take_date(ctx, conv, value)
    elif conv.step == "revoke_equipment":
        data = {**conv.data, "equipment": value}
        await ctx.uow.conversations.save(conv, "revoke_confirm", data)
        _confirm(ctx, conv, data)


async def _take_date(ctx: Context, conv: Conversation, text: str) -> None:
    try:
        day = parse_date(text, not_after=ctx.now().date())
    except FieldError as exc:
        ctx.send(ctx.t("studio.bad_date", message=exc.message(ctx.texts.lang)))
        return
    await ctx.uow.conversations.save(
        conv, "revoke_equipment", {**conv.data, "day": day.isoformat()}
    )
    ctx.send(ctx.t("studio.ask_revoke_equipment"))


def _decision(ctx: Context, data: dict[str, object]) -> RevocationDecision:
    return RevocationDecision(
        ground=RevocationGround(str(data["ground"])),
        decided_on=date.fromisoformat(str(data["day"])),
        document_number=str(data["document"]),
        equipment_to_recover=str(data["equipment"]),
        recorded_by=ctx.user_id,
    )


def _confirm(ctx: Context, conv: Conversation, data: dict[str, object]) -> None:
    decision = _decision(ctx, data)
    text = ctx.t(
        "studio.confirm_revoke",
        ground=ground_label(decision.ground, ctx.texts.lang),
        document=decision.document_number,
        day=decision.decided_on.isoformat(),
        equipment=decision.equipment_to_recover,
        by=decision.decided_by,
        state=state_label(state_after(decision), ctx.texts.lang),
    )
    yes = button(ctx.t("studio.btn_yes"), FLOW, "yes", conv.seq)
    no = button(ctx.t("studio.btn_no"), FLOW, "no", conv.seq)
    ctx.send(text, rows([yes, no], per_row=2))


async def _record(ctx: Context, conv: Conversation) -> None:
    studio_id = int(conv.data["studio"])
    try:
        decision = _decision(ctx, conv.data)
        await studio_decisions.revoke(ctx.uow, studio_id, decision, ctx.now())
    except (studio_decisions.NotAllowed, ValidationError):
        await ctx.uow.conversations.close(ctx.user_id)
        await show_card(ctx, studio_id, ctx.t("studio.refused_no_title"))
        return
    await ctx.uow.conversations.close(ctx.user_id)
    await show_card(ctx, studio_id, ctx.t("studio.revoked_done"))
