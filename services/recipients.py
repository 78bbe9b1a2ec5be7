"""Who hears from the bot, in which language and on which clock: decided here and nowhere else.

Anything that writes to a person — the reply to a sender, a staff notice, a decision sent to a
unit, a reminder, an idle-draft nudge, the web console's menu button — takes the language, the
time zone and the list of staff from one `Recipients`, built once from the settings (`STAFF_IDS`,
`LOCALE`, `TIMEZONE`), so that a chat reply and a reminder to the same person never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from policy.calendar import TIMEZONE
from services.messages.texts import Lang, Texts, pick_language
from storage.models import User
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class Recipients:
    staff_ids: frozenset[int] = frozenset()
    """Staff fixed by `STAFF_IDS`; those granted in the bot (/staff) are added by `staff`."""
    default_lang: Lang = "zh"
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(TIMEZONE))

    def language(self, chosen: str | None, telegram: str | None) -> Lang:
        """The language chosen in the bot (/lang) wins, then the Telegram client's, then
        `LOCALE`."""
        return pick_language(chosen, telegram, self.default_lang)

    def texts_of(self, user: User | None) -> Texts:
        """The texts of a known user row (None: someone the bot has not met yet)."""
        if user is None:
            return Texts(self.default_lang)
        return Texts(self.language(user.language, user.telegram_language))

    async def texts(self, uow: UnitOfWork, user_id: int) -> Texts:
        return self.texts_of(await uow.users.get(user_id))

    async def staff(self, uow: UnitOfWork) -> list[int]:
        """Staff from `STAFF_IDS` plus those granted in the bot, in id order."""
        return sorted(self.staff_ids | set(await uow.users.staff_ids()))

    def now(self, clock: Callable[[], datetime] | None = None) -> datetime:
        """The instant in `tz`, from `clock` (tests, a fixed instant) or the wall clock."""
        return (clock() if clock else datetime.now(self.tz)).astimezone(self.tz)
