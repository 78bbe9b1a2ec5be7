"""Heritage targets (第九条第一项), acceptance (第十二条), renewal (第十六条第二款)."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date

from handlers.context import Context
from handlers.studios.card import FLOW, show_card
from policy.targets import TargetOverride
from policy.validators.errors import FieldError
from policy.validators.numbers import parse_date
from services import studio_decisions as decide
from services.messages.keyboards import button, rows
from services.messages.payloads import number
from storage.models import Conversation

MAX_REASON = 500
MAX_TARGET = 1000


async def _open(ctx: Context, studio_id: int, step: str) -> None:
    data = {"studio": studio_id, "year": ctx.now().year}
    ctx.conversation = await ctx.uow.conversations.open(ctx.user_id, FLOW, step, data)
    ctx.show(ctx.t(f"studio.ask_{step}", year=data["year"]))


async def start_targets(ctx: Context, studio_id: int) -> None:
    await _open(ctx, studio_id, "trainees")


async def start_accept(ctx: Context, studio_id: int) -> None:
    await _open(ctx, studio_id, "accepted_on")


async def start_renew(ctx: Context, studio_id: int) -> None:
    await _open(ctx, studio_id, "renew_start")


async def on_button(ctx: Context, conv: Conversation, verb: str) -> None:
    if conv.step == "renew_document" and verb == "skip":
        await _renew(ctx, conv, None)
    else:
        ctx.answer(ctx.t("common.stale_button"), alert=True)


async def on_text(ctx: Context, conv: Conversation, text: str) -> None:
    value = text.strip()
    step = conv.step
    if step in ("trainees", "certified"):
        await _take_number(ctx, conv, value)
    elif step == "reason" and 0 < len(value) <= MAX_REASON:
        await _save_targets(ctx, conv, value)
    elif step in ("accepted_on", "renew_start"):
        day = _date(ctx, value)
        if day is not None:
            await (
                _accept(ctx, conv, day) if step == "accepted_on" else _ask_document(ctx, conv, day)
            )
    elif step == "renew_document" and 0 < len(value) <= 64:
        await _renew(ctx, conv, value)
    else:
        ctx.send(ctx.t("studio.bad_text", limit=MAX_REASON if step == "reason" else 64))


async def _take_number(ctx: Context, conv: Conversation, text: str) -> None:
    skip = conv.step == "certified" and text in ("-", "—")
    value = None if skip else number(text, MAX_TARGET)
    if value is None and not skip:
        ctx.send(ctx.t("studio.bad_number", limit=MAX_TARGET))
        return
    after = "certified" if conv.step == "trainees" else "reason"
    await ctx.uow.conversations.save(conv, after, {**conv.data, conv.step: value})
    ctx.send(ctx.t(f"studio.ask_{after}", year=conv.data["year"]))


def _date(ctx: Context, text: str) -> date | None:
    try:
        return parse_date(text)
    except FieldError as exc:
        ctx.send(ctx.t("studio.bad_date", message=exc.message(ctx.texts.lang)))
        return None


async def _save_targets(ctx: Context, conv: Conversation, reason: str) -> None:
    d = conv.data
    override = TargetOverride(int(d["trainees"]), d.get("certified"), reason)
    cmd = decide.SetTargets(int(d["studio"]), int(d["year"]), override, ctx.user_id)
    await _settle(ctx, conv, decide.set_targets(ctx.uow, cmd, ctx.now()), "targets_done")


async def _accept(ctx: Context, conv: Conversation, day: date) -> None:
    cmd = decide.Accept(int(conv.data["studio"]), day, ctx.user_id)
    await _settle(ctx, conv, decide.accept(ctx.uow, cmd, ctx.now()), "accepted_done")


async def _ask_document(ctx: Context, conv: Conversation, day: date) -> None:
    await ctx.uow.conversations.save(
        conv, "renew_document", {**conv.data, "start": day.isoformat()}
    )
    skip = button(ctx.t("studio.btn_skip"), FLOW, "skip", conv.seq)
    ctx.send(ctx.t("studio.ask_renew_document"), rows([skip]))


async def _renew(ctx: Context, conv: Conversation, document: str | None) -> None:
    start = date.fromisoformat(str(conv.data["start"]))
    cmd = decide.Renew(int(conv.data["studio"]), start, ctx.user_id, document)
    await _settle(ctx, conv, decide.renew(ctx.uow, cmd, ctx.now()), "renewed_done")


async def _settle(ctx: Context, conv: Conversation, work: Awaitable[object], done: str) -> None:
    studio_id = int(conv.data["studio"])
    try:
        await work
    except decide.NotAllowed as exc:
        await ctx.uow.conversations.close(ctx.user_id)
        await show_card(ctx, studio_id, ctx.t(f"studio.refused_{exc.code}"))
        return
    await ctx.uow.conversations.close(ctx.user_id)
    await show_card(ctx, studio_id, ctx.t(f"studio.{done}"))
