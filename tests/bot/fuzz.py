"""Hostile updates mixed with ordinary users' messages, through the whole bot on one runtime.

The figures say whether the bot kept serving: every update confirmed (no stall), every ordinary
user answered, and no call the emulator refused for its content (a refusal for a forged message
or query id is the forger's doing, not a malformed reply). The fuzz test asserts them for a few
hundred updates; `make fuzz` prints them for ten thousand.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from dataclasses import dataclass

from emulator import Emulator, RecordedCall
from emulator.state import PendingCallback
from storage.models import DeadLetter
from storage.repos.dead_letters import DeadLettersRepo
from tests.bot.hostile_updates import Hostile, HostileUpdates
from tests.e2e.harness import STAFF, Harness

HOSTILE_USERS = tuple(range(2001, 2021))
ORDINARY_USERS = tuple(range(3001, 3011))
# Refusals caused by forged references (a message or query id that is not one), not by what the
# bot wrote.
FORGED_REFERENCE = (
    "message to edit not found",
    "message can't be edited",
    "message is not modified",
    "query is too old",
    "there is no text in the message to edit",
)


@dataclass
class FuzzFigures:
    runtime: str
    hostile: int
    ordinary_sent: int
    ordinary_answered: int
    unconfirmed: int
    dead_letters: int
    retried_dead_letters: int
    refused: list[str]
    seconds: float

    def __str__(self) -> str:
        return (
            f"{self.runtime}: {self.hostile} hostile + {self.ordinary_sent} ordinary updates in "
            f"{self.seconds:.1f}s ({(self.hostile + self.ordinary_sent) / self.seconds:.0f}/s); "
            f"ordinary answered {self.ordinary_answered}/{self.ordinary_sent}; "
            f"dead letters {self.dead_letters} (after retries: {self.retried_dead_letters}); "
            f"stalled {self.unconfirmed}; refused replies {len(self.refused)}"
        )


def _register_press(emu: Emulator, update: Hostile) -> None:
    """A query id Telegram issued to a user the emulator knows can be answered, as in Telegram."""
    body = update.body
    if update.kind != "callback_query" or not isinstance(body, dict):
        return
    sender = body.get("from")
    user_id = sender.get("id") if isinstance(sender, dict) else None
    if isinstance(body.get("id"), str) and user_id in HOSTILE_USERS:
        emu.world.callbacks[body["id"]] = PendingCallback(user_id, user_id, str(body.get("data")))


def _refused(call: RecordedCall) -> str | None:
    if call.status != 400:
        return None
    description = str(call.response.get("description", ""))
    if any(mark in description for mark in FORGED_REFERENCE):
        return None
    return f"{call.method}: {description}"


async def run_fuzz(
    runtime: str, database_url: str, hostile: int, seed: int = 2031, guard: float = 600.0
) -> FuzzFigures:
    bot = Harness(runtime, database_url, send_rate=1e6, chat_rate=1e6, chat_burst=1000)
    await bot.start()
    try:
        return await _fuzz(bot, runtime, hostile, seed, guard)
    finally:
        await bot.close()


async def _fuzz(bot: Harness, runtime: str, hostile: int, seed: int, guard: float) -> FuzzFigures:
    emu = bot.emu
    for user_id in (*HOSTILE_USERS, *STAFF):
        emu.user(user_id)
    ordinary = [emu.user(user_id) for user_id in ORDINARY_USERS]
    updates = HostileUpdates(seed, HOSTILE_USERS)
    sent: Counter[int] = Counter()
    ids: list[int] = []
    started = time.monotonic()
    for n in range(hostile):
        update = next(updates)
        _register_press(emu, update)
        update_id = emu.world.updates.push(update.kind, update.body)
        if update_id >= 0:  # Telegram never creates a kind outside allowed_updates
            ids.append(update_id)
        if n % 10 == 0:
            user = ordinary[(n // 10) % len(ordinary)]
            ids.append(await user.send("/help"))
            sent[user.user_id] += 1
        if n % 200 == 199:
            await asyncio.sleep(0)  # let the bot read while we write, as Telegram would
    unconfirmed = await _unconfirmed(emu, ids, guard)
    answered = 0
    for user in ordinary:
        with contextlib.suppress(TimeoutError):
            await user.wait_messages(count=sent[user.user_id], timeout=guard)
        answered += sum(1 for m in user.inbox if "/cancel" in m.plain)
    seconds = time.monotonic() - started
    letters = await _dead_letters(bot)
    return FuzzFigures(
        runtime=runtime,
        hostile=hostile,
        ordinary_sent=sum(sent.values()),
        ordinary_answered=answered,
        unconfirmed=unconfirmed,
        dead_letters=len(letters),
        retried_dead_letters=sum(1 for letter in letters if letter.attempts > 1),
        refused=[r for r in map(_refused, emu.calls) if r is not None],
        seconds=seconds,
    )


async def _unconfirmed(emu: Emulator, ids: list[int], guard: float) -> int:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + guard
    missing = 0
    for update_id in ids:
        try:
            await emu.wait_confirmed(update_id, max(0.1, deadline - loop.time()))
        except TimeoutError:
            missing += 1
    return missing


async def _dead_letters(bot: Harness) -> list[DeadLetter]:
    async with bot.uow() as uow:
        return await uow.repo(DeadLettersRepo).listed(limit=1_000_000)
