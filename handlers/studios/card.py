"""The staff card of a studio (第九、十二、十六、十七条) and the list that leads to it."""

from __future__ import annotations

from handlers.context import Context
from policy.acceptance import plaque_awarded
from policy.revocation import label as ground_label
from policy.studio_status import holds_title
from policy.studio_status import label as state_label
from services import studios
from services.messages.actions import Btn, Keyboard
from services.messages.keyboards import button, rows
from services.studios import StudioCard
from storage.models import Studio

FLOW = "studio"


def state_line(ctx: Context, card: StudioCard) -> str:
    text = ctx.t("studio.state", state=state_label(card.state, ctx.texts.lang))
    if card.decision_ground is not None:
        ground = ground_label(card.decision_ground, ctx.texts.lang)
        text += ctx.t("studio.decision", ground=ground, document=card.decision_document)
    return text


def _period_lines(ctx: Context, card: StudioCard) -> list[str]:
    lines = []
    for period in card.periods:
        key = "studio.period_renewal" if period.renewal else "studio.period_first"
        years = "、".join(str(y) for y in period.years)
        mark = ctx.t("studio.current") if period == card.current else ""
        lines.append(ctx.t(key, start=period.start.isoformat(), years=years) + mark)
    return lines


def _targets_lines(ctx: Context, card: StudioCard) -> list[str]:
    t = card.targets
    key = "studio.targets_agency" if t.set_by_agency else "studio.targets_default"
    lines = [ctx.t(key, trainees=t.trainees, certified=t.certified)]
    if card.studio.intangible_heritage:
        lines.append(ctx.t("studio.heritage"))
    for row in card.year_targets:
        lines.append(
            ctx.t(
                "studio.targets_year",
                year=row.year,
                trainees=row.trainees,
                certified="—" if row.certified is None else row.certified,
                reason=row.reason,
            )
        )
    return lines


def card_text(ctx: Context, card: StudioCard) -> str:
    s = card.studio
    lines = [ctx.t("studio.title", name=s.name, unit=s.unit_name, id=s.id), state_line(ctx, card)]
    lines += _period_lines(ctx, card)
    lines += _targets_lines(ctx, card)
    if plaque_awarded(card.acceptance) and card.acceptance is not None:
        lines.append(ctx.t("studio.accepted", day=card.acceptance.accepted_on.isoformat()))
    else:
        lines.append(ctx.t("studio.not_accepted"))
    for ground in card.proposed:
        lines.append(ctx.t("studio.proposed", ground=ground_label(ground, ctx.texts.lang)))
    return "\n".join(lines)


def card_keyboard(ctx: Context, card: StudioCard) -> Keyboard:
    if not holds_title(card.state):
        return ()
    sid = card.studio.id
    buttons = [button(ctx.t("studio.btn_targets"), FLOW, f"targets:{sid}")]
    if card.acceptance is None:
        buttons.append(button(ctx.t("studio.btn_accept"), FLOW, f"accept:{sid}"))
    buttons.append(button(ctx.t("studio.btn_renew"), FLOW, f"renew:{sid}"))
    buttons.append(button(ctx.t("studio.btn_revoke"), FLOW, f"revoke:{sid}"))
    return rows(buttons, per_row=2)


def list_keyboard(ctx: Context, studios: list[Studio]) -> Keyboard:
    buttons: list[Btn] = [
        button(ctx.t("studio.list_item", name=s.name, unit=s.unit_name), FLOW, f"open:{s.id}")
        for s in studios
    ]
    buttons.append(button(ctx.t("studio.btn_pending"), FLOW, "pending"))
    return rows(buttons)


async def show_card(ctx: Context, studio_id: int, note: str = "") -> None:
    try:
        card = await studios.card(ctx.uow, studio_id, ctx.now().year)
    except studios.UnknownStudio:
        ctx.show(ctx.t("studio.unknown"))
        return
    text = card_text(ctx, card)
    ctx.show(f"{note}\n\n{text}" if note else text, card_keyboard(ctx, card))
