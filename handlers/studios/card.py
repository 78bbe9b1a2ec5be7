"""The staff card of a studio (第九、十二、十六、十七、十八条) and the list that leads to it; the
same state line in /status."""

from __future__ import annotations

from handlers.binding.flow import master_button
from handlers.context import Context
from policy.acceptance import plaque_awarded
from policy.revocation import label as ground_label
from policy.revocation_decision import RevocationDecision
from policy.studio_status import StudioState, holds_title
from policy.studio_status import label as state_label
from services import studio_decisions, studios
from services.messages.actions import Btn, Keyboard
from services.messages.keyboards import button, rows
from services.messages.payloads import Action
from services.studios import Standing, StudioCard
from storage.models import Studio

FLOW = "studio"


def _decision_note(ctx: Context, decision: RevocationDecision | None) -> str:
    """（ground of 第十七条，文号 …） after a revoked or withdrawn state."""
    if decision is None:
        return ""
    ground = ground_label(decision.ground, ctx.texts.lang)
    return ctx.t("studio.decision", ground=ground, document=decision.document_number)


def state_line(ctx: Context, card: StudioCard) -> str:
    text = ctx.t("studio.state", state=state_label(card.state, ctx.texts.lang))
    return text + _decision_note(ctx, card.decision)


def standing_line(ctx: Context, standing: Standing) -> str:
    """/status: 🏛 name: state, accepted on …, (ground, 文号) — 第十二、十七条."""
    state = state_label(standing.state, ctx.texts.lang)
    text = ctx.t("studio.status_line", name=standing.studio.name, state=state)
    if standing.acceptance is not None:
        text += ctx.t("studio.status_accepted", day=standing.acceptance.accepted_on.isoformat())
    return text + _decision_note(ctx, standing.decision)


def _decision_lines(ctx: Context, decision: RevocationDecision | None) -> list[str]:
    """第十八条: who decided and when; 第十七条: the equipment to recover."""
    if decision is None:
        return []
    return [
        ctx.t(
            "studio.decided",
            by=decision.decided_by,
            day=decision.decided_on.isoformat(),
            equipment=decision.equipment_to_recover,
        )
    ]


def _people_lines(ctx: Context, s: Studio) -> list[str]:
    """Whether the unit's contact and the master (第九条(六)) are bound to accounts."""
    return [
        ctx.t("studio.contact_bound" if s.contact_user_id else "studio.contact_unbound"),
        ctx.t("studio.master_bound" if s.master_user_id else "studio.master_unbound"),
    ]


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
    lines += _decision_lines(ctx, card.decision)
    lines += _people_lines(ctx, s)
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
    buttons = [button(ctx.t("studio.btn_targets"), FLOW, Action.of("targets", sid))]
    if card.acceptance is None:
        buttons.append(button(ctx.t("studio.btn_accept"), FLOW, Action.of("accept", sid)))
    buttons.append(button(ctx.t("studio.btn_renew"), FLOW, Action.of("renew", sid)))
    buttons.append(button(ctx.t("studio.btn_revoke"), FLOW, Action.of("revoke", sid)))
    if card.state is StudioState.FLAGGED or card.proposed:
        buttons.append(button(ctx.t("studio.btn_keep"), FLOW, Action.of("keep", sid)))
    buttons.append(master_button(ctx, sid))
    return rows(buttons, per_row=2)


def list_keyboard(ctx: Context, studios: list[Studio]) -> Keyboard:
    buttons: list[Btn] = [
        button(
            ctx.t("studio.list_item", name=s.name, unit=s.unit_name), FLOW, Action.of("open", s.id)
        )
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


async def ask_keep(ctx: Context, studio_id: int) -> None:
    """第十八条: staff may also decide to keep the title; asked once more before it is recorded."""
    try:
        found = await studios.studio(ctx.uow, studio_id)
    except studios.UnknownStudio:
        ctx.show(ctx.t("studio.unknown"))
        return
    yes = button(ctx.t("studio.btn_yes"), FLOW, Action.of("kept", studio_id))
    no = button(ctx.t("studio.btn_no"), FLOW, Action.of("open", studio_id))
    ctx.show(ctx.t("studio.confirm_keep", name=found.name), rows([yes, no], per_row=2))


async def keep_title(ctx: Context, studio_id: int) -> None:
    cmd = studio_decisions.Keep(studio_id, ctx.user_id)
    try:
        await studio_decisions.keep(ctx.uow, cmd, ctx.now())
    except studio_decisions.NotAllowed as refused:
        await show_card(ctx, studio_id, ctx.t(f"studio.refused_{refused.code}"))
        return
    await show_card(ctx, studio_id, ctx.t("studio.kept_done"))
