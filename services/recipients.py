"""Who hears from the bot, in which language and on which clock, and telling them: decided here
and nowhere else.

Anything that writes to a person — the reply to a sender, a staff notice, a decision sent to a
unit, a reminder, an idle-draft nudge, the web console's menu button — takes the language, the
time zone and the list of staff from here; the shell builds one `Recipients` from the settings
(`STAFF_IDS`, `LOCALE`, `TIMEZONE`), so that a chat reply and a reminder to the same person never
disagree. A service writes what it tells people as outbox rows in the caller's unit of work
(`tell`), so the message leaves only if the change it reports is committed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from policy.calendar import TIMEZONE
from services.messages.actions import AnswerCallback, Outgoing
from services.messages.texts import Lang, Texts, pick_language
from storage.models import User
from storage.uow import UnitOfWork


def texts_of(user: User | None, default: Lang) -> Texts:
    """The language chosen in the bot (/lang) wins, then the Telegram client's, then `default`
    (`LOCALE`); None: someone the bot has not met yet."""
    chosen, telegram = (user.language, user.telegram_language) if user else (None, None)
    return Texts(pick_language(chosen, telegram, default))


async def texts_for(uow: UnitOfWork, user_id: int, default: Lang) -> Texts:
    return texts_of(await uow.users.get(user_id), default)


async def staff_ids(uow: UnitOfWork, fixed: Collection[int]) -> list[int]:
    """Staff from `STAFF_IDS` (`fixed`) plus those granted in the bot (/staff), in id order."""
    return sorted(set(fixed) | set(await uow.users.staff_ids()))


async def tell(
    uow: UnitOfWork, key: str, action: Outgoing, not_before: datetime | None = None
) -> bool:
    """Queue `action` once per `key`; False if a row with that key was queued before."""
    assert not isinstance(action, AnswerCallback)
    payload = action.model_dump(mode="json")
    return await uow.outbox.enqueue(key, action.chat_id, payload, not_before)


@dataclass(frozen=True)
class Recipients:
    """The settings every message to someone depends on, built once by the shell."""

    staff_ids: frozenset[int] = frozenset()
    """Staff fixed by `STAFF_IDS`; those granted in the bot (/staff) are added by `staff`."""
    default_lang: Lang = "zh"
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(TIMEZONE))

    def language(self, chosen: str | None, telegram: str | None) -> Lang:
        """The language chosen in the bot (/lang) wins, then the Telegram client's, then
        `LOCALE`."""
        return pick_language(chosen, telegram, self.default_lang)

    def texts_of(self, user: User | None) -> Texts:
        return texts_of(user, self.default_lang)

    async def texts(self, uow: UnitOfWork, user_id: int) -> Texts:
        return await texts_for(uow, user_id, self.default_lang)

    async def staff(self, uow: UnitOfWork) -> list[int]:
        return await staff_ids(uow, self.staff_ids)

    def now(self, clock: Callable[[], datetime] | None = None) -> datetime:
        """The instant in `tz`, from `clock` (tests, a fixed instant) or the wall clock."""
        return (clock() if clock else datetime.now(self.tz)).astimezone(self.tz)
