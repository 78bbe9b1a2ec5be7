"""`/assess [year]` (staff): record each studio's annual assessment, pass or fail (第十六条).

Steps: pick a studio from a paged list of those the year's assessment covers (✅ passed,
❌ failed, ▫️ not yet), see its report's preliminary verdict, press Pass or Fail, give the
comment (a fail needs the improvement opinions), then confirm or cancel: nothing is recorded or
sent before the confirmation. The conversation carries year, page, studio, result and opinion,
committed with every step; the recording itself is :func:`services.assessments.record_assessment`.
"""

from __future__ import annotations

from handlers.annual.assess_steps import confirm_prompt, opinion_prompt, outcome_note, take_opinion
from handlers.annual.studio_choice import parse_year
from handlers.annual.verdict import targets_of, verdict_text
from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from policy.assessment import evaluate_year
from policy.forms.report import achieved_results
from policy.reminders import report_year
from policy.support import SUPPORT_YEARS, assessment_year_for
from services.assessments import AssessmentInput, assessable_studios, record_assessment
from services.messages.actions import Btn
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import number
from storage.models import Conversation, Studio
from storage.repos.annual import AssessmentsRepo
from storage.repos.annual_filings import AnnualFilingsRepo
from storage.repos.submissions import SubmissionsRepo

PAGE = 8
MARKS = {True: "✅", False: "❌", None: "▫️"}


class AssessFlow(Flow):
    name = "assess"
    commands = ("assess",)
    menu_key = "menu.assess"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        year = parse_year(args, report_year(ctx.now().date()))
        data = {"year": year, "page": 0}
        conv = await ctx.uow.conversations.open(ctx.user_id, self.name, "list", data)
        ctx.conversation = conv
        await self._list(ctx, conv)

    def _btn(self, ctx: Context, conv: Conversation, key: str, action: str) -> Btn:
        return button(ctx.t(key), self.name, action, conv.seq)

    async def _list(self, ctx: Context, conv: Conversation, note: str = "") -> None:
        year, page = int(conv.data["year"]), int(conv.data.get("page", 0))
        studios = await assessable_studios(ctx.uow, year)
        results = await ctx.uow.repo(AssessmentsRepo).of_year(year)
        picks = [
            button(f"{MARKS[results.get(s.id)]} {s.name}", self.name, f"s:{s.id}", conv.seq)
            for s in studios[page * PAGE : (page + 1) * PAGE]
        ]
        nav = []
        if page > 0:
            nav.append(self._btn(ctx, conv, "annual.prev", "p:prev"))
        if (page + 1) * PAGE < len(studios):
            nav.append(self._btn(ctx, conv, "annual.next", "p:next"))
        done = sum(1 for s in studios if s.id in results)
        text = ctx.t("annual.assess_list", year=year, done=done, total=len(studios))
        ctx.show(f"{note}\n\n{text}".strip() if note else text, stack(rows(picks), nav))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: str) -> None:
        if conv is None:
            await super().on_button(ctx, conv, action)
            return
        verb, _, arg = action.partition(":")
        if verb == "p":
            page = int(conv.data.get("page", 0)) + (1 if arg == "next" else -1)
            await ctx.uow.conversations.save(conv, "list", {**conv.data, "page": max(page, 0)})
            await self._list(ctx, conv)
        elif verb == "s" and (studio_id := number(arg)) is not None:
            await self._studio(ctx, conv, studio_id)
        elif verb in ("pass", "fail") and conv.step == "decide":
            data = {**conv.data, "passed": verb == "pass"}
            await ctx.uow.conversations.save(conv, "comment", data)
            ctx.show(*opinion_prompt(ctx, conv))
        elif verb == "nc" and conv.step == "comment" and conv.data.get("passed"):
            await take_opinion(ctx, conv, "")
        elif verb == "ok" and conv.step == "confirm":
            await self._record(ctx, conv)
        elif verb in ("back", "cancel"):
            await ctx.uow.conversations.save(conv, "list", conv.data)
            note = ctx.t("annual.assess_cancelled") if verb == "cancel" else ""
            await self._list(ctx, conv, note)
        else:
            ctx.answer(ctx.t("common.stale_button"), alert=True)

    async def _studio(self, ctx: Context, conv: Conversation, studio_id: int) -> None:
        year = int(conv.data["year"])
        covered = {s.id: s for s in await assessable_studios(ctx.uow, year)}
        studio = covered.get(studio_id)
        if studio is None:
            ctx.answer(ctx.t("common.stale_button"), alert=True)
            return
        await ctx.uow.conversations.save(conv, "decide", {**conv.data, "studio": studio.id})
        lines = [ctx.t("annual.assess_card", studio=studio.name, unit=studio.unit_name, year=year)]
        if (index := assessment_year_for(studio.approved_on, year)) is not None:
            lines.append(ctx.t("annual.assess_support_year", n=index, of=SUPPORT_YEARS))
        lines.append(await self._report_line(ctx, studio, year))
        done = await ctx.uow.repo(AssessmentsRepo).get(studio.id, year)
        if done is not None:
            lines.append(ctx.t("annual.assess_already", result=MARKS[done.passed]))
        keyboard = rows(
            [
                self._btn(ctx, conv, "annual.pass", "pass"),
                self._btn(ctx, conv, "annual.fail", "fail"),
                self._btn(ctx, conv, "annual.back", "back"),
            ],
            per_row=2,
        )
        ctx.show("\n\n".join(lines), keyboard)

    async def _report_line(self, ctx: Context, studio: Studio, year: int) -> str:
        report = await ctx.uow.repo(AnnualFilingsRepo).find("report", studio.id, year)
        latest = await ctx.uow.repo(SubmissionsRepo).latest_version(report.id) if report else None
        if latest is None:
            return ctx.t("annual.no_report")
        results = achieved_results(latest.answers)
        evaluation = evaluate_year(targets_of(studio), results)
        return verdict_text(ctx, evaluation)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        if conv.step != "comment":
            await self.reprompt(ctx, conv, ctx.t("common.use_buttons"))
            return
        await take_opinion(ctx, conv, text)

    async def _record(self, ctx: Context, conv: Conversation) -> None:
        year, passed = int(conv.data["year"]), bool(conv.data["passed"])
        data = AssessmentInput(
            studio_id=int(conv.data["studio"]),
            year=year,
            passed=passed,
            opinion=str(conv.data.get("opinion", "")),
            by=ctx.user_id,
            recipients=ctx.config.recipients,
        )
        outcome = await record_assessment(ctx.uow, data, ctx.now())
        ctx.notified += outcome.queued
        await ctx.uow.conversations.save(conv, "list", conv.data)
        await self._list(ctx, conv, outcome_note(ctx, outcome, year, MARKS[passed]))

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        if note:
            ctx.send(note)
        if conv.step == "comment":
            ctx.send(*opinion_prompt(ctx, conv))
        elif conv.step == "confirm":
            ctx.send(*await confirm_prompt(ctx, conv))
        else:
            await self._list(ctx, conv)
