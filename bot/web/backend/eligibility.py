"""/check in the page: a master walks through the questions of Art. 4 and Art. 17 and reads the
result, over the same answers as the chat's /check.

The answers live in the user's conversation (services.eligibility_check), so a check begun in
the chat goes on in the page and the other way round; each call recomputes the verdict and the
next question from the rules (policy.eligibility), reads the words from the same catalog
functions as the chat (services.messages.eligibility), and checks a typed date with the chat's
parser and message. A finished check is counted and closed as the chat closes it, and its
result is also sent to the user's chat, where the chat would have shown it.

Every call acts on the signed-in user's own check only: no request names another user's.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime

from bot.web.backend.base import BackendBase, Caller, Visit, WebError
from bot.web.form_view import plain
from policy.eligibility import (
    EligibilityAnswers,
    EligibilityResult,
    QuestionKey,
    evaluate_eligibility,
)
from policy.validators.errors import FieldError
from policy.validators.numbers import parse_date
from services import eligibility_check as check
from services.messages import eligibility as words
from services.messages.actions import Send
from services.messages.texts import Texts
from services.recipients import tell
from storage.models import Conversation
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class CheckChoice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class CheckQuestion:
    key: str
    progress: str
    text: str
    typed: bool
    choices: list[CheckChoice]


@dataclass(frozen=True, slots=True)
class CheckLine:
    """A condition as the chat words it; `missing` when it stands in the way (破格 never does)."""

    code: str
    met: bool | None
    missing: bool
    text: str


@dataclass(frozen=True, slots=True)
class CheckGroup:
    title: str
    lines: list[CheckLine]


@dataclass(frozen=True, slots=True)
class CheckResult:
    verdict: str
    headline: str
    conditions_title: str
    groups: list[CheckGroup]
    categories: list[str]
    next_steps: str


@dataclass(frozen=True, slots=True)
class CheckView:
    """The page's state: the question still to answer, or the result once it is settled."""

    lang: str
    intro: str
    answered: int
    can_go_back: bool
    question: CheckQuestion | None = None
    result: CheckResult | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CheckCall:
    """One request on the caller's own check: their visit and the conversation holding it."""

    visit: Visit
    conversation: Conversation | None

    @property
    def uow(self) -> UnitOfWork:
        return self.visit.uow

    @property
    def user_id(self) -> int:
        return self.visit.user_id

    @property
    def texts(self) -> Texts:
        return self.visit.view.texts

    def now(self) -> datetime:
        return self.visit.view.now

    def plain(self, key: str, /, **values: object) -> str:
        return self.visit.view.plain(key, **values)


class EligibilityBackend(BackendBase):
    async def check(self, who: Caller) -> CheckView:
        """The check under way (from the chat or the page), or a new one's first question."""
        async with self._check(who) as ctx:
            return _view(ctx, _current(ctx))

    async def check_answer(self, who: Caller, question: str, value: str) -> CheckView:
        """Answer the question the check asks now; the next question, or the result."""
        async with self._check(who) as ctx:
            answers = _current(ctx)
            asked = evaluate_eligibility(answers).next_question
            if asked is None or asked.value != question:
                raise WebError(409, ctx.plain("web.check.moved_on"), view=_json(ctx, answers))
            given = _parse(ctx, asked, value)
            answers = check.with_answer(answers, asked, given)
            result = evaluate_eligibility(answers)
            if result.next_question is None:
                return await self._finish(ctx, answers, result)
            ctx.conversation = await check.keep(ctx.uow, ctx.user_id, ctx.conversation, answers)
            return _view(ctx, answers)

    async def check_back(self, who: Caller) -> CheckView:
        """Forget the answer given last; its question is asked again."""
        async with self._check(who) as ctx:
            earlier, question = check.back(_current(ctx))
            if question is None:
                raise WebError(409, ctx.plain("web.check.nothing_back"))
            await check.keep(ctx.uow, ctx.user_id, ctx.conversation, earlier)
            return _view(ctx, earlier)

    async def check_restart(self, who: Caller) -> CheckView:
        """Forget every answer of the check under way and begin again."""
        async with self._check(who) as ctx:
            fresh = EligibilityAnswers(as_of=ctx.now().date())
            if check.ongoing(ctx.conversation, fresh.as_of) is not None:
                await check.keep(ctx.uow, ctx.user_id, ctx.conversation, fresh)
            return _view(ctx, fresh)

    async def _finish(
        self, ctx: CheckCall, answers: EligibilityAnswers, result: EligibilityResult
    ) -> CheckView:
        await check.finish(ctx.uow, ctx.user_id, result, ctx.now())
        text = words.render_result(ctx.texts, answers, result)
        sent = Send(chat_id=ctx.user_id, text=text)
        ctx.visit.notified += await tell(ctx.uow, f"check:{uuid.uuid4().hex}", sent)
        return _view(ctx, answers, result, [ctx.plain("web.check.sent_to_chat")])

    @asynccontextmanager
    async def _check(self, who: Caller) -> AsyncIterator[CheckCall]:
        """The caller's own unit of work on their own check (/check is open to everyone)."""
        async with self.core.uow() as uow:
            visit = await self._visit(uow, who)
            ctx = CheckCall(visit, await uow.conversations.get(visit.user_id))
            yield ctx
            await uow.commit()
        if visit.notified:
            self.core.on_enqueue()


def _current(ctx: CheckCall) -> EligibilityAnswers:
    today = ctx.now().date()
    return check.ongoing(ctx.conversation, today) or EligibilityAnswers(as_of=today)


def _parse(ctx: CheckCall, question: QuestionKey, raw: str) -> object:
    """A picked value, or a typed date read as the chat reads it (and refused in its words)."""
    if question not in check.TYPED:
        picked = check.choice(question, raw)
        if picked is None:
            raise WebError(422, ctx.plain("web.check.bad_choice"), path="value")
        return picked
    try:
        return parse_date(raw, not_after=ctx.now().date())
    except FieldError as error:
        note = ctx.plain("check.bad_date", reason=error.message(ctx.texts.lang))
        raise WebError(422, note, path="value") from None


def _view(
    ctx: CheckCall,
    answers: EligibilityAnswers,
    result: EligibilityResult | None = None,
    notes: list[str] | None = None,
) -> CheckView:
    done = check.answered(answers)
    texts = ctx.texts
    question = None if result else evaluate_eligibility(answers).next_question
    return CheckView(
        lang=texts.lang,
        intro=plain(texts("check.intro")) or "",
        answered=len(done),
        can_go_back=bool(done) and result is None,
        question=_question(ctx, answers, question) if question else None,
        result=_result(ctx, answers, result) if result else None,
        notes=notes or [],
    )


def _question(ctx: CheckCall, answers: EligibilityAnswers, question: QuestionKey) -> CheckQuestion:
    texts = ctx.texts
    return CheckQuestion(
        key=question.value,
        progress=plain(words.progress(texts, answers)) or "",
        text=plain(words.question_text(texts, question)) or "",
        typed=question in check.TYPED,
        choices=[CheckChoice(v, label) for v, label in words.choices(texts, question)],
    )


def _result(ctx: CheckCall, answers: EligibilityAnswers, result: EligibilityResult) -> CheckResult:
    parts = words.result_parts(ctx.texts, answers, result)
    return CheckResult(
        verdict=parts.verdict.value,
        headline=plain(parts.headline) or "",
        conditions_title=plain(parts.conditions_title) or "",
        groups=[
            CheckGroup(
                plain(title) or "",
                [
                    CheckLine(
                        line.code.value,
                        line.met,
                        line.code in result.missing,
                        plain(line.text) or "",
                    )
                    for line in lines
                ],
            )
            for title, lines in parts.groups
        ],
        categories=[plain(line) or "" for line in parts.categories],
        next_steps=plain(parts.next_steps) or "",
    )


def _json(ctx: CheckCall, answers: EligibilityAnswers) -> dict[str, object]:
    return asdict(_view(ctx, answers))
