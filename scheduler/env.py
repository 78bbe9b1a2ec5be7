"""What every sweep works with: one unit of work, the instant it sweeps for, and the audience.

Reminder texts come from the shared catalogs in `services.messages`, the same ones the chat and
the services use, with the serialisable actions and keyboards every outbox row is made of: the
scheduler renders the same kind of messages, so it keeps no second copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from policy.calendar import ProgrammeCalendar
from policy.i18n import Lang
from scheduler.series import Moment
from services.messages.actions import Send, SendDocument
from services.messages.texts import Texts
from services.recipients import Recipients
from storage.repos.annual import CalendarRepo
from storage.repos.reminders import STUDIO_KEY, RemindersRepo
from storage.uow import UnitOfWork

Picker = Callable[[Sequence[Moment]], list[Moment]]
"""Chooses the moments to act on: the one due now (a sweep) or the coming ones (a preview)."""


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
    _queued: dict[str, set[str]] = field(default_factory=dict)
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

    async def queued(self, moment: Moment) -> set[str]:
        """Keys of this moment already in the outbox (none matter in a dry run).

        Asked once per moment and run: a moment's keys belong to one sweep, whose rows are
        written only after it has collected them all.
        """
        if self.dry_run:
            return set()
        prefix = key_prefix(moment)
        if prefix not in self._queued:
            self._queued[prefix] = await self.queries.queued_keys(prefix)
        return self._queued[prefix]


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
