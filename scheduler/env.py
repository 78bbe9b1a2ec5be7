"""What every sweep works with: one unit of work, the instant it sweeps for, and the audience.

Reminder texts come from the shared catalogs in `services.messages`, the same ones the chat and
the services use, with the serialisable actions and keyboards every outbox row is made of: the
scheduler renders the same kind of messages, so it keeps no second copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache, partial
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from policy.calendar import ProgrammeCalendar
from policy.i18n import Lang
from scheduler.series import Moment
from services.messages.actions import OUTGOING, Send, SendDocument
from services.messages.texts import Texts, escape
from services.recipients import Recipients
from storage.repos.annual import CalendarRepo
from storage.repos.reminders import STUDIO_KEY, RemindersRepo
from storage.uow import UnitOfWork

Picker = Callable[[Sequence[Moment]], list[Moment]]
"""Chooses the moments to act on: the one due now (a sweep) or the coming ones (a preview)."""


"""The sweeps' audience is the bot's: staff, their languages and the time zone come from one
`services.recipients.Recipients` (the name stays for the callers that spell it so)."""


@dataclass(frozen=True, slots=True, eq=False)
class Form:
    """A reminder to many studios in one language: its action, and its text cut where the
    studio's name goes. The outbox sets each row's chat and text into the action itself
    (`OutboxRepo.enqueue_filled`), so a reminder day builds no action per studio."""

    action: dict[str, Any]
    parts: tuple[str, ...]

    def text(self, name: str) -> str:
        return escape(name).join(self.parts)

    def payload(self, chat_id: int, name: str) -> dict[str, Any]:
        return {**self.action, "chat_id": chat_id, "text": self.text(name)}


class Reminder(NamedTuple):
    """One message a sweep wants in the outbox; ``key`` makes it unique for ever.

    The message itself is composed only when asked for (`payload`, `action`): a preview counts
    what is coming without writing thousands of texts, and a sweep writes each text once. A
    tuple, as a reminder day makes tens of thousands of them.
    """

    key: str
    chat_id: int
    send_at: datetime
    series: str
    compose: Callable[[], dict[str, Any]] | None
    """The action as the outbox stores it (`model_dump(mode="json")`); None for a studio's
    reminder (its `form` composes it) and in a preview, which composes nothing."""
    made: Send | SendDocument | None = None
    form: Form | None = None
    """A studio's reminder: its language's `Form`, which ``name`` (the studio's) completes."""
    name: str = ""

    @classmethod
    def of(cls, key: str, action: Send | SendDocument, send_at: datetime, series: str) -> Reminder:
        """A reminder whose action is made already (a few of them: staff, returned items)."""
        return cls(key, action.chat_id, send_at, series, partial(_dump, action), action)

    @property
    def payload(self) -> dict[str, Any]:
        if self.form is not None:
            return self.form.payload(self.chat_id, self.name)
        if self.compose is None:
            raise ValueError(f"{self.key}: a preview's reminder is not composed")
        return self.compose()

    @property
    def action(self) -> Send | SendDocument:
        if self.made is not None:
            return self.made
        action = OUTGOING.validate_python(self.payload)
        assert isinstance(action, Send | SendDocument)
        return action


@dataclass
class SweepEnv:
    uow: UnitOfWork
    config: Recipients
    now: datetime
    pick: Picker
    dry_run: bool = False
    _staff: list[int] | None = None
    _langs: dict[int, str | None] = field(default_factory=dict)
    _cals: dict[int, ProgrammeCalendar] = field(default_factory=dict)
    memo: dict[object, object] = field(default_factory=dict)
    """What a sweep found once and may ask again within this run (the data does not move)."""

    @property
    def tz(self) -> ZoneInfo:
        return self.config.tz

    @property
    def queries(self) -> RemindersRepo:
        return self.uow.repo(RemindersRepo)

    async def calendar(self, year: int) -> ProgrammeCalendar:
        if year not in self._cals:
            self._cals[year] = await self.uow.repo(CalendarRepo).effective(year)
        return self._cals[year]

    async def staff(self) -> list[int]:
        """Staff from `STAFF_IDS` plus those granted in the bot, read once per sweep."""
        if self._staff is None:
            self._staff = await self.config.staff(self.uow)
        return self._staff

    async def load_languages(self, user_ids: Iterable[int]) -> None:
        missing = [u for u in user_ids if u not in self._langs]
        found = await self.queries.languages(missing)
        self._langs.update({u: found.get(u) for u in missing})

    def texts(self, user_id: int) -> Texts:
        """The recipient's language (load_languages first), else the bot's default."""
        return Texts(self.config.language(self._langs.get(user_id), None))

    async def unqueued_staff(self, moment: Moment) -> list[int]:
        """Staff who have no reminder of ``moment`` queued yet, their languages loaded."""
        staff = await self.staff()
        queued = await self.queued_among(staff_key(moment, u) for u in staff)
        staff = [u for u in staff if staff_key(moment, u) not in queued]
        await self.load_languages(staff)
        return staff

    async def queued_among(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` are in the outbox already (none in a dry run)."""
        if self.dry_run:
            return set()
        return await self.queries.queued_among(keys)


def _dump(action: Send | SendDocument) -> dict[str, Any]:
    return action.model_dump(mode="json")


def key_prefix(moment: Moment) -> str:
    return f"rem:{moment.period}:"


def studio_key(moment: Moment, studio_id: int, chat_id: int) -> str:
    return STUDIO_KEY.format(prefix=key_prefix(moment), studio=studio_id, chat=chat_id)


def staff_key(moment: Moment, chat_id: int) -> str:
    return f"{key_prefix(moment)}staff:u{chat_id}"


def fmt_date(texts: Texts, day: date) -> str:
    return _fmt_date(texts.lang, day)


@lru_cache(maxsize=256)
def _fmt_date(lang: Lang, day: date) -> str:
    """A sweep writes the same date into thousands of reminders: format it once."""
    return Texts(lang)("reminders.date", y=day.year, m=day.month, d=day.day, iso=day.isoformat())
