"""`/assess [year]` (staff): record each studio's annual assessment, pass or fail, with a comment.

Steps: pick a studio from a paged list (✅ passed, ❌ failed, ▫️ not yet), see its report's
preliminary verdict, press Pass or Fail, type a comment (or none). The conversation carries
the year, page, studio and result, committed with every step.
"""

from __future__ import annotations

from handlers.annual.assess_effects import record_assessment
from handlers.annual.studio_choice import parse_year
from handlers.annual.verdict import targets_of, verdict_text
from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from policy import display
from policy.assessment import evaluate_year
from policy.forms.report import achieved_results
from policy.reminders import report_year
from services.messages.actions import Btn, Keyboard
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import number
from storage.models import Conversation, Studio
from storage.repos.annual import AssessmentsRepo
from storage.repos.annual_filings import AnnualFilingsRepo
from storage.repos.studios import StudiosRepo
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

    def _no_comment(self, ctx: Context, conv: Conversation) -> Keyboard:
        return rows([self._btn(ctx, conv, "annual.no_comment", "nc")])

    async def _list(self, ctx: Context, conv: Conversation, note: str = "") -> None:
        year, page = int(conv.data["year"]), int(conv.data.get("page", 0))
        studios = ctx.uow.repo(StudiosRepo)
        total = await studios.count()
        shown = await studios.page(page * PAGE, PAGE)
        results = await ctx.uow.repo(AssessmentsRepo).of_year(year)
        picks = [
            button(f"{MARKS[results.get(s.id)]} {s.name}", self.name, f"s:{s.id}", conv.seq)
            for s in shown
        ]
        nav = []
        if page > 0:
            nav.append(self._btn(ctx, conv, "annual.prev", "p:prev"))
        if (page + 1) * PAGE < total:
            nav.append(self._btn(ctx, conv, "annual.next", "p:next"))
        text = ctx.t("annual.assess_list", year=year, done=len(results), total=total)
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
            ctx.show(ctx.t("annual.assess_comment"), self._no_comment(ctx, conv))
        elif verb == "nc" and conv.step == "comment":
            await self._record(ctx, conv, "")
        elif verb == "back":
            await ctx.uow.conversations.save(conv, "list", conv.data)
            await self._list(ctx, conv)
        else:
            ctx.answer(ctx.t("common.stale_button"), alert=True)

    async def _studio(self, ctx: Context, conv: Conversation, studio_id: int) -> None:
        studio = await ctx.uow.repo(StudiosRepo).get(studio_id)
        if studio is None:
            ctx.answer(ctx.t("common.stale_button"), alert=True)
            return
        year = int(conv.data["year"])
        await ctx.uow.conversations.save(conv, "decide", {**conv.data, "studio": studio.id})
        lines = [ctx.t("annual.assess_card", studio=studio.name, unit=studio.unit_name, year=year)]
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
        await self._record(ctx, conv, text.strip()[:1000])

    async def _record(self, ctx: Context, conv: Conversation, comment: str) -> None:
        studio = await ctx.uow.repo(StudiosRepo).get(int(conv.data["studio"]))
        assert studio is not None
        year, passed = int(conv.data["year"]), bool(conv.data["passed"])
        outcome = await record_assessment(ctx, studio, year, passed, comment)
        lines = [ctx.t("annual.assessed", studio=studio.name, year=year, result=MARKS[passed])]
        if outcome.subsidy:
            money = display.cny(outcome.subsidy, ctx.texts.lang)
            lines.append(ctx.t("annual.subsidy_booked", amount=money))
        if outcome.flagged:
            lines.append(ctx.t("annual.flagged"))
        if outcome.period_ends:
            lines.append(ctx.t("annual.period_ends"))
        await ctx.uow.conversations.save(conv, "list", conv.data)
        await self._list(ctx, conv, "\n".join(lines))

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        if note:
            ctx.send(note)
        if conv.step == "comment":
            ctx.send(ctx.t("annual.assess_comment"), self._no_comment(ctx, conv))
        else:
            await self._list(ctx, conv)
