"""How long one full studio application takes through the emulator, and how many messages.

`measure_full_application(runtime)` runs the whole application of the shared test script
(/apply → every question, seven files → summary → Submit → confirmation) against the Bot API
emulator over real HTTP, on a fresh SQLite database, and waits for the staff notification.
By default the bot keeps Telegram's per-chat limit (CHAT_RATE=1/s, burst 3), which dominates
the time; pass `chat_rate` to see the bot's own speed.
Run: `python -m tests.benchmarks.bench_application [aiogram|ptb]`.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from typing import Any

from tests.databases import migrated, sqlite_url
from tests.e2e.harness import Harness
from tests.handlers.application_script import STEPS, play


async def measure_full_application(runtime: str, chat_rate: float | None = None) -> dict[str, Any]:
    """Seconds from /apply to the staff notice; what the unit's and the first staff member's
    chats received (new messages, edits in place, longest text) and the unit's actions, until
    the staff member opened the submission and its card with the decision buttons arrived."""
    with tempfile.TemporaryDirectory() as directory:
        url = await migrated(sqlite_url(directory))
        extra: dict[str, Any] = {}
        if chat_rate is not None:
            extra = {"chat_rate": chat_rate, "chat_burst": max(3, int(chat_rate))}
        bot = Harness(runtime, url, **extra)
        await bot.start()
        try:
            return await _run(bot, runtime, chat_rate)
        finally:
            await bot.close()


async def _run(bot: Harness, runtime: str, chat_rate: float | None) -> dict[str, Any]:
    staff, other = bot.staff(9001), bot.staff(9002)
    for member in (staff, other):
        await member.ask("/start")
    staff_mark = staff.mark()
    alice = bot.user()
    started = time.perf_counter()
    await alice.ask("/apply")
    actions = 1 + await play(alice, STEPS)
    await alice.click("📤 提交")
    await alice.click("我确认材料真实")
    [notice] = await staff.wait_messages(staff_mark, count=1, timeout=60)
    seconds = time.perf_counter() - started
    await staff.click("打开审核", notice, timeout=60)
    await staff.wait_for(lambda m: "✅ 通过" in m.labels(), timeout=60)
    return {
        **_chat_figures(bot, alice.chat_id, "unit"),
        **_chat_figures(bot, staff.chat_id, "staff"),
        "runtime": runtime,
        "chat_rate": chat_rate or "telegram default (1/s, burst 3)",
        "seconds": round(seconds, 2),
        "bot_events": alice.mark(),
        "user_actions": actions + 2,
        "questions": len(STEPS),
    }


_NEW = {"sendMessage", "sendDocument", "sendPhoto"}
_EDITS = {"editMessageText", "editMessageReplyMarkup"}


def _chat_figures(bot: Harness, chat_id: int, who: str) -> dict[str, int]:
    """What one chat received: new messages (an album counts each file), edits in place, and
    the longest text (message or caption) in characters."""
    calls = [
        c
        for c in bot.emu.calls
        if c.status == 200 and str(c.params.get("chat_id")) == str(chat_id)
    ]
    sent = sum(1 for c in calls if c.method in _NEW)
    sent += sum(len(c.response.get("result") or []) for c in calls if c.method == "sendMediaGroup")
    texts = [str(c.params.get("text") or c.params.get("caption") or "") for c in calls]
    return {
        f"{who}_messages": sent,
        f"{who}_edits": sum(1 for c in calls if c.method in _EDITS),
        f"{who}_send_calls": sum(1 for c in calls if c.method in _NEW | {"sendMediaGroup"}),
        f"{who}_longest_chars": max((len(t) for t in texts), default=0),
    }


async def main(runtimes: list[str]) -> None:
    for runtime in runtimes:
        for rate in (None, 200.0):
            print(await measure_full_application(runtime, rate))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:] or ["aiogram", "ptb"]))
