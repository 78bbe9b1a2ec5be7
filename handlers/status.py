"""`/status`: the user's studios with their state (acceptance, revocation: 第十二、十七条), drafts
in progress and submissions handed in, with their status."""

from __future__ import annotations

from datetime import datetime

from handlers.context import Context
from handlers.flow import Flow
from handlers.forms import FormFlow
from handlers.studios.card import standing_line
from policy.forms.walk import question_count, visible_nodes
from services import studios
from services.decisions import return_note
from services.drafts.discard import DiscardDraft, discard_draft
from services.messages.actions import Btn
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import Action
from storage.models import Conversation, Draft, Submission
from storage.repos.drafts import DraftsRepo
from storage.repos.submissions import SubmissionsRepo


def status_label(ctx: Context, status: str) -> str:
    key = f"status.state.{status}"
    return ctx.t(key) if ctx.texts.has(key) else status


def kind_label(ctx: Context, kind: str) -> str:
    key = f"staff_notice.kind_{kind}"
    return ctx.t(key) if ctx.texts.has(key) else kind


def _local(ctx: Context, moment: datetime) -> str:
    return moment.astimezone(ctx.config.tz).strftime("%Y-%m-%d %H:%M")


def form_flow(ctx: Context, kind: str) -> FormFlow | None:
    """The form flow that fills drafts of `kind` (its command resumes them)."""
    found = (f for f in ctx.registry.flows if isinstance(f, FormFlow) and f.spec.name == kind)
    return next(found, None)


def _draft_line(ctx: Context, draft: Draft, flow: FormFlow | None) -> str:
    values: dict[str, object] = {"kind": kind_label(ctx, draft.kind)}
    values["when"] = _local(ctx, draft.updated_at)
    if flow is None:
        return ctx.t("status.draft_plain", **values)
    answers = draft.answers or {}
    done = sum(1 for n in visible_nodes(flow.spec, answers) if n.key in answers)
    return ctx.t("status.draft", done=done, total=question_count(flow.spec, answers), **values)


def _submission_lines(ctx: Context, sub: Submission) -> list[str]:
    lines = [
        ctx.t(
            "status.submission",
            receipt=sub.receipt_no,
            kind=kind_label(ctx, sub.kind),
            title=sub.title,
            status=status_label(ctx, sub.status),
            version=sub.version,
            when=_local(ctx, sub.updated_at),
        )
    ]
    note = return_note(sub)
    if note is not None and not note.revised and note.reason:
        lines.append(ctx.t("status.reason", reason=note.reason))
    return lines


class StatusFlow(Flow):
    name = "status"
    commands = ("status",)
    menu_key = "menu.status"

    async def start(self, ctx: Context, args: str) -> None:
        drafts = await ctx.uow.repo(DraftsRepo).for_owner(ctx.user_id)
        submissions = await ctx.uow.repo(SubmissionsRepo).for_owner(ctx.user_id)
        standings = await studios.standings_of(ctx.uow, ctx.user_id)
        if not drafts and not submissions and not standings:
            ctx.show(ctx.t("status.nothing"), ctx.registry.menu(ctx))
            return
        lines = [ctx.t("status.title"), *(standing_line(ctx, s) for s in standings)]
        buttons: list[Btn] = []
        if drafts:
            lines.append(ctx.t("status.drafts"))
        for draft in drafts:
            flow = form_flow(ctx, draft.kind)
            lines.append(_draft_line(ctx, draft, flow))
            kind = kind_label(ctx, draft.kind)
            if flow is not None:
                buttons.append(button(ctx.t("status.continue", kind=kind), flow.name, "open"))
            buttons.append(
                button(ctx.t("status.discard", kind=kind), self.name, Action.of("x", draft.id))
            )
        if submissions:
            lines.append(ctx.t("status.submissions"))
        for sub in reversed(submissions):
            lines += _submission_lines(ctx, sub)
        ctx.show("\n".join(lines), stack(rows(_unique(buttons)), ctx.registry.menu(ctx)))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: Action) -> None:
        """`x:<draft>` asks before discarding a draft, `xy:<draft>` discards it."""
        verb = action.verb
        if verb not in ("x", "xy"):
            await super().on_button(ctx, conv, action)
            return
        draft_id = action.id()
        draft = await ctx.uow.repo(DraftsRepo).get(draft_id)
        if draft is None or draft.owner_id != ctx.user_id:
            ctx.answer(ctx.t("common.stale_button"), alert=True)
            await self.start(ctx, "")
        elif verb == "x":
            kind = kind_label(ctx, draft.kind)
            sure = button(ctx.t("forms.discard_yes"), self.name, Action.of("xy", draft_id))
            keep = button(ctx.t("forms.discard_no"), self.name, "open")
            ctx.show(ctx.t("forms.discard_ask", kind=kind), rows([sure, keep]))
        else:
            kind = kind_label(ctx, draft.kind)
            await discard_draft(DiscardDraft(ctx.user_id, draft_id), ctx.uow, ctx.now())
            if (
                ctx.conversation is not None
                and (ctx.conversation.data or {}).get("draft") == draft_id
            ):
                ctx.conversation = None
            ctx.answer(ctx.t("forms.discarded", kind=kind))
            await self.start(ctx, "")


def _unique(buttons: list[Btn]) -> list[Btn]:
    seen: dict[str | None, Btn] = {}
    for b in buttons:
        seen.setdefault(b.payload, b)
    return list(seen.values())
