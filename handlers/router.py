"""Sends each event to the flow it belongs to, and answers what belongs to none."""

from __future__ import annotations

from handlers.context import Context
from handlers.events import ButtonPress, Command, FileUpload, Text, Unsupported
from handlers.flow import Flow
from handlers.steps.state import StaleState
from services.messages.payloads import BadPayload, current_flow, decode


def allowed(ctx: Context, flow: Flow) -> bool:
    return flow.admits(ctx.roles)


async def route(ctx: Context) -> None:
    if ctx.conversation is not None:  # opened before its flow was renamed: goes on under the name
        ctx.conversation.flow = current_flow(ctx.conversation.flow)
    try:
        await _route(ctx)
    except StaleState:
        await _expired(ctx)


async def _expired(ctx: Context) -> None:
    """A conversation whose stored state no longer fits its flow (an older version of the bot
    wrote it, or it was tampered with): end it, change nothing, and say so."""
    await ctx.uow.conversations.close(ctx.user_id)
    ctx.conversation = None
    ctx.answer(ctx.t("common.stale_button"), alert=True)
    ctx.send(ctx.t("common.expired"), ctx.registry.menu(ctx))


async def _route(ctx: Context) -> None:
    event = ctx.incoming.event
    if isinstance(event, Command):
        await _command(ctx, event)
    elif isinstance(event, ButtonPress):
        await _button(ctx, event)
        ctx.answer()
    else:
        await _message(ctx, event)


async def _command(ctx: Context, event: Command) -> None:
    flow = ctx.registry.by_command.get(event.name)
    if flow is None:
        ctx.send(ctx.t("common.unknown_command", command=f"/{event.name}"))
    elif not allowed(ctx, flow):
        ctx.send(ctx.t("common.not_allowed"))
    else:
        await flow.start(ctx, event.args)


async def _button(ctx: Context, event: ButtonPress) -> None:
    """A press is read by the one payload codec; a payload it refuses, or one that a flow
    finds forged while reading its arguments (BadPayload), is a stale button."""
    try:
        await _press(ctx, event)
    except BadPayload:
        await _stale(ctx)


async def _press(ctx: Context, event: ButtonPress) -> None:
    payload = decode(event.payload)
    flow = ctx.registry.by_name.get(payload.flow)
    if flow is None:
        await _stale(ctx)
    elif not allowed(ctx, flow):
        ctx.answer(ctx.t("common.not_allowed"), alert=True)
    elif payload.seq is None:
        await flow.on_button(ctx, None, payload.action)
    else:
        conv = ctx.conversation
        if conv is None or conv.flow != flow.name or conv.seq != payload.seq:
            await _stale(ctx)
        else:
            await flow.on_button(ctx, conv, payload.action)


async def _stale(ctx: Context) -> None:
    """An old or forged button: change nothing, say so, and restate what is pending."""
    ctx.answer(ctx.t("common.stale_button"), alert=True)
    conv = ctx.conversation
    flow = ctx.registry.by_name.get(conv.flow) if conv else None
    if conv is not None and flow is not None:
        await flow.reprompt(ctx, conv)


async def _message(ctx: Context, event: Text | FileUpload | Unsupported) -> None:
    conv = ctx.conversation
    flow = ctx.registry.by_name.get(conv.flow) if conv else None
    if conv is None or flow is None:
        await _no_conversation(ctx, event)
    elif isinstance(event, Text):
        await flow.on_text(ctx, conv, event.text)
    elif isinstance(event, FileUpload):
        await flow.on_file(ctx, conv, event)
    else:
        await flow.on_unsupported(ctx, conv, event)


async def _no_conversation(ctx: Context, event: Text | FileUpload | Unsupported) -> None:
    if isinstance(event, Text):
        note = ctx.t("common.unexpected_text")
    elif isinstance(event, FileUpload):
        note = ctx.t("common.file_not_expected")
    else:
        note = ctx.unsupported(event)
    ctx.send(note + "\n\n" + ctx.t("common.menu_hint"), ctx.registry.menu(ctx))
