"""What every sweep works with: one unit of work, the instant it sweeps for, and the audience.

Reminder texts come from the shared catalogs in `services.messages`, the same ones the chat and
the services use, with the serialisable actions and keyboards every outbox row is made of: the
scheduler renders the same kind of messages, so it keeps no second copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from policy.calendar import ProgrammeCalendar
from scheduler.series import Moment
from services.messages.actions import Send, SendDocument
from services.messages.texts import Texts
from services.recipients import Recipients
from storage.repos.annual import CalendarRepo
from storage.repos.reminders import RemindersRepo
from storage.uow import UnitOfWork

Picker = Callable[[Sequence[Moment]], list[Moment]]
"""Chooses the moments to act on: the one due now (a sweep) or the coming ones (a preview)."""


SweepConfig = Recipients
"""The sweeps' audience is the bot's: staff, their languages and the time zone come from one
`services.recipients.Recipients` (the name stays for the callers that spell it so)."""


@dataclass(frozen=True, slots=True)
class Reminder:
    """One message a sweep wants in the outbox; ``key`` makes it unique for ever."""

    key: str
    chat_id: int
    action: Send | SendDocument
    send_at: datetime
    series: str


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

    async def queued(self, moment: Moment) -> set[str]:
        """Keys of this moment already in the outbox (none matter in a dry run)."""
        return set() if self.dry_run else await self.queries.queued_keys(key_prefix(moment))


def key_prefix(moment: Moment) -> str:
    return f"rem:{moment.period}:"


def studio_key(moment: Moment, studio_id: int, chat_id: int) -> str:
    return f"{key_prefix(moment)}s{studio_id}:u{chat_id}"


def staff_key(moment: Moment, chat_id: int) -> str:
    return f"{key_prefix(moment)}staff:u{chat_id}"


def fmt_date(texts: Texts, day: date) -> str:
    return texts("reminders.date", y=day.year, m=day.month, d=day.day, iso=day.isoformat())
