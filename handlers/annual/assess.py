"""`/assess [year]` (staff): record each studio's annual assessment, pass or fail (第十六条).

Steps: pick a studio from a paged list of those the year's assessment covers (✅ passed,
❌ failed, ▫️ not yet), see its report's preliminary verdict, press Pass or Fail, give the
comment (a fail needs the improvement opinions), then confirm: nothing is recorded or sent
before the confirmation, and Cancel at any step returns to the list. The conversation is an
:class:`AssessState`, committed with every step; the recording itself is
:func:`services.assessments.record_assessment`.
"""

from __future__ import annotations

from pydantic import TypeAdapter

from handlers.annual.assess_steps import (
    AssessState,
    check_opinion,
    confirm_prompt,
    opinion_prompt,
    outcome_note,
)
from handlers.annual.studio_choice import parse_year
from handlers.context import Context
from handlers.roles import Role
from handlers.steps import Screen, StepFlow
from policy.assessment import evaluate_year
from policy.forms.report import achieved_results
from policy.reminders import report_year
from policy.support import SUPPORT_YEARS
from services import studios as studio_facts
from services.assessments import (
    AssessmentInput,
    AssessmentRefused,
    assessable_studios,
    record_assessment,
    support_year,
)
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import Action, BadPayload, token
from services.messages.verdict import verdict_text
from storage.models import Conversation, Studio
from storage.repos.annual import AssessmentsRepo
from storage.repos.annual_filings import AnnualFilingsRepo
from storage.repos.studios import StudiosRepo
from storage.repos.submissions import SubmissionsRepo

PAGE = 8
MARKS = {True: "✅", False: "❌", None: "▫️"}
TURN = token("page", ("prev", "next"))


class AssessFlow(StepFlow[AssessState]):
    name = "assess"
    commands = ("assess",)
    menu_key = "menu.assess"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF
    states = TypeAdapter(AssessState)

    async def start(self, ctx: Context, args: str) -> None:
        year = parse_year(args, report_year(ctx.now().date()))
        await self.begin(ctx, AssessState(step="list", year=year))

    def previous(self, state: AssessState) -> AssessState | None:
        return state.back()

    async def screen(self, ctx: Context, conv: Conversation, state: AssessState) -> Screen:
        if state.step == "list":
            return await self._list(ctx, conv, state)
        if state.step == "decide":
            return await self._card(ctx, conv, state)
        if state.step == "comment":
            text, keyboard = opinion_prompt(ctx, state, conv.seq)
        else:
            text, keyboard = await confirm_prompt(ctx, state, conv.seq)
        return text, self.with_nav(ctx, conv, state, keyboard)

    async def _list(self, ctx: Context, conv: Conversation, state: AssessState) -> Screen:
        year, page = state.year, state.page
        studios = await assessable_studios(ctx.uow, year)
        results = await ctx.uow.repo(AssessmentsRepo).of_year(year)
        picks = [
            button(
                f"{MARKS[results.get(s.id)]} {s.name}", self.name, Action.of("s", s.id), conv.seq
            )
            for s in studios[page * PAGE : (page + 1) * PAGE]
        ]
        nav = []
        if page > 0:
            nav.append(button(ctx.t("annual.prev"), self.name, Action.of("p", "prev"), conv.seq))
        if (page + 1) * PAGE < len(studios):
            nav.append(button(ctx.t("annual.next"), self.name, Action.of("p", "next"), conv.seq))
        done = sum(1 for s in studios if s.id in results)
        text = ctx.t("annual.assess_list", year=year, done=done, total=len(studios))
        return text, stack(rows(picks), nav)

    async def _card(self, ctx: Context, conv: Conversation, state: AssessState) -> Screen:
        year = state.year
        studio = await ctx.uow.repo(StudiosRepo).get(state.studio or 0)
        if studio is None:
            return await self._list(ctx, conv, state)
        lines = [ctx.t("annual.assess_card", studio=studio.name, unit=studio.unit_name, year=year)]
        if (index := await support_year(ctx.uow, studio, year)) is not None:
            lines.append(ctx.t("annual.assess_support_year", n=index, of=SUPPORT_YEARS))
        lines.append(await self._report_line(ctx, studio, year))
        done = await ctx.uow.repo(AssessmentsRepo).get(studio.id, year)
        if done is not None:
            lines.append(ctx.t("annual.assess_already", result=MARKS[done.passed]))
        verdicts = rows(
            [
                button(ctx.t("annual.pass"), self.name, "pass", conv.seq),
                button(ctx.t("annual.fail"), self.name, "fail", conv.seq),
            ],
            per_row=2,
        )
        return "\n\n".join(lines), self.with_nav(ctx, conv, state, verdicts)

    async def _report_line(self, ctx: Context, studio: Studio, year: int) -> str:
        report = await ctx.uow.repo(AnnualFilingsRepo).find("report", studio.id, year)
        latest = await ctx.uow.repo(SubmissionsRepo).latest_version(report.id) if report else None
        if latest is None:
            return ctx.t("annual.no_report")
        results = achieved_results(latest.answers)
        targets = await studio_facts.targets(ctx.uow, studio.id, year)
        evaluation = evaluate_year(targets, results)
        return verdict_text(ctx.texts, evaluation)

    async def press(
        self, ctx: Context, conv: Conversation, state: AssessState, action: Action
    ) -> None:
        step = state.step
        if action.verb == "p" and step == "list":
            (turn,) = action.take(TURN)
            page = max(state.page + (1 if turn == "next" else -1), 0)
            await self.move(ctx, conv, state.model_copy(update={"page": page}))
        elif action.verb == "s" and step == "list":
            await self._studio(ctx, conv, state, action.id())
        elif (action.is_("pass") or action.is_("fail")) and step == "decide":
            update = {"step": "comment", "passed": action.verb == "pass"}
            await self.move(ctx, conv, state.model_copy(update=update))
        elif action.is_("nc") and step == "comment" and state.passed:
            await self._opinion(ctx, conv, state, "")
        elif action.is_("ok") and step == "confirm":
            await self._record(ctx, conv, state)
        else:
            raise BadPayload(f"assess: {action.verb} at {step}")

    async def _studio(
        self, ctx: Context, conv: Conversation, state: AssessState, studio_id: int
    ) -> None:
        covered = {s.id for s in await assessable_studios(ctx.uow, state.year)}
        if studio_id not in covered:
            raise BadPayload(f"assess: studio {studio_id} not assessed in {state.year}")
        await self.move(
            ctx, conv, state.model_copy(update={"step": "decide", "studio": studio_id})
        )

    async def answer(
        self, ctx: Context, conv: Conversation, state: AssessState, text: str
    ) -> None:
        if state.step != "comment":
            await super().answer(ctx, conv, state, text)
        else:
            await self._opinion(ctx, conv, state, text)

    async def _opinion(
        self, ctx: Context, conv: Conversation, state: AssessState, text: str
    ) -> None:
        passed = bool(state.passed)
        opinion = await self.check(ctx, conv, state, text, lambda t: check_opinion(passed, t))
        if opinion is not None:
            await self.move(
                ctx, conv, state.model_copy(update={"step": "confirm", "opinion": opinion})
            )

    async def cancel(self, ctx: Context, conv: Conversation, state: AssessState) -> None:
        """Cancel returns to the list: nothing was recorded or sent."""
        listing = AssessState(step="list", year=state.year, page=state.page)
        await self.move(ctx, conv, listing, ctx.t("annual.assess_cancelled"))

    async def _record(self, ctx: Context, conv: Conversation, state: AssessState) -> None:
        assert state.studio is not None and state.passed is not None
        data = AssessmentInput(
            studio_id=state.studio,
            year=state.year,
            passed=state.passed,
            opinion=state.opinion,
            by=ctx.user_id,
            recipients=ctx.config.recipients,
        )
        try:
            outcome = await record_assessment(ctx.uow, data, ctx.now())
        except AssessmentRefused:  # the studio lost its title meanwhile
            listing = AssessState(step="list", year=state.year, page=state.page)
            await self.move(ctx, conv, listing, ctx.t("annual.assess_refused"))
            return
        ctx.notified += outcome.queued
        listing = AssessState(step="list", year=state.year, page=state.page)
        note = outcome_note(ctx, outcome, state.year, MARKS[state.passed])
        await self.move(ctx, conv, listing, note)
