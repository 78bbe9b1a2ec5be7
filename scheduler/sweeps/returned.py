"""Units whose submission was returned for revision and who have not resubmitted it yet.

Each returned version is its own series (2 and 7 days after the return); resubmitting changes
the status, so the next sweep finds nothing to say.
"""

from __future__ import annotations

from typing import ClassVar

from policy.reminders import RETURNED_NUDGE_VALID, returned_nudge_dates
from scheduler.env import Reminder, SweepEnv, key_prefix
from scheduler.series import local, series
from services.messages.actions import Send
from storage.repos.reminders import ReturnedItem


class ReturnedSweep:
    name: ClassVar[str] = "returned"

    async def collect(self, env: SweepEnv) -> list[Reminder]:
        out: list[Reminder] = []
        items = await env.queries.returned()
        await env.load_languages(item.owner_id for item in items)
        for item in items:
            out += await self._for_item(env, item)
        return out

    async def _for_item(self, env: SweepEnv, item: ReturnedItem) -> list[Reminder]:
        days = returned_nudge_dates(item.returned_at.astimezone(env.tz).date())
        end = local(days[-1], env.tz) + RETURNED_NUDGE_VALID
        moments = series(self.name, f"{item.id}v{item.version}", days, end, env.tz)
        out = []
        for moment in env.pick(moments):
            key = f"{key_prefix(moment)}u{item.owner_id}"
            if key in await env.queued(moment):
                continue
            texts = env.texts(item.owner_id)
            text = texts(
                "reminders.returned",
                kind=texts(f"reminders.kind_{item.kind}"),
                title=item.title,
                receipt=item.receipt_no,
            )
            action = Send(chat_id=item.owner_id, text=text)
            out.append(Reminder(key, item.owner_id, action, moment.send_at(env.now), self.name))
        return out
