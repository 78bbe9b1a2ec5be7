"""Units whose submission was returned for revision and who have not resubmitted it yet.

Each returned version is its own series (2 and 7 days after the return); resubmitting changes
the status, so the next sweep finds nothing to say.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from policy.reminders import RETURNED_NUDGE_VALID, returned_nudge_dates
from scheduler.env import Reminder, SweepEnv, key_prefix
from scheduler.series import Moment, local, series
from services.messages.actions import Send
from storage.repos.reminders import ReturnedItem

_LAST_NUDGE = max(returned_nudge_dates(date(2000, 1, 1))) - date(2000, 1, 1)
HORIZON = _LAST_NUDGE + RETURNED_NUDGE_VALID + timedelta(days=2)
"""How long after a return a nudge of it can still be due (a day either side for time zones)."""


class ReturnedSweep:
    name: ClassVar[str] = "returned"

    async def collect(self, env: SweepEnv) -> list[Reminder]:
        out: list[Reminder] = []
        since = env.now - HORIZON  # returned earlier: every nudge of it is past
        items = await env.queries.returned(since)
        picked = [(item, self._moments(env, item)) for item in items]
        picked = [(item, moments) for item, moments in picked if moments]
        queued = await env.queued_among(
            self._key(item, m) for item, moments in picked for m in moments
        )
        await env.load_languages(item.owner_id for item, _ in picked)
        for item, moments in picked:
            out += self._for_item(env, item, moments, queued)
        return out

    @staticmethod
    def _key(item: ReturnedItem, moment: Moment) -> str:
        return f"{key_prefix(moment)}u{item.owner_id}"

    def _moments(self, env: SweepEnv, item: ReturnedItem) -> list[Moment]:
        """The item's moments this sweep acts on (most items have none: languages not asked)."""
        days = returned_nudge_dates(item.returned_at.astimezone(env.tz).date())
        end = local(days[-1], env.tz) + RETURNED_NUDGE_VALID
        return env.pick(series(self.name, f"{item.id}v{item.version}", days, end, env.tz))

    def _for_item(
        self, env: SweepEnv, item: ReturnedItem, moments: list[Moment], queued: set[str]
    ) -> list[Reminder]:
        out = []
        for moment in moments:
            key = self._key(item, moment)
            if key in queued:
                continue
            texts = env.texts(item.owner_id)
            text = texts(
                "reminders.returned",
                kind=texts(f"reminders.kind_{item.kind}"),
                title=item.title,
                receipt=item.receipt_no,
            )
            action = Send(chat_id=item.owner_id, text=text)
            out.append(Reminder.of(key, action, moment.send_at(env.now), self.name))
        return out
