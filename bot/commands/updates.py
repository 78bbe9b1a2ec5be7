"""`studio-bot updates failed` lists the dead letters; `studio-bot updates retry ID` runs one
again through the intake, after the cause was fixed, and removes it once it went through."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from bot.settings import Settings
from storage.db import create_engine, session_factory
from storage.models import DeadLetter
from storage.repos.dead_letters import DeadLettersRepo
from storage.uow import UnitOfWork


def register(sub: argparse._SubParsersAction[Any]) -> None:
    updates = sub.add_parser("updates", help="updates that could not be handled")
    actions = updates.add_subparsers(dest="updates_action", required=True)
    actions.add_parser("failed", help="list the dead letters").set_defaults(handler=_failed)
    retry = actions.add_parser("retry", help="run a dead letter again (needs BOT_TOKEN)")
    retry.add_argument("update_id", type=int)
    retry.set_defaults(handler=_retry)


def _failed(args: argparse.Namespace, settings: Settings) -> int:
    letters = asyncio.run(_letters(settings))
    if not letters:
        print("no dead letters")
    for letter in letters:
        state = "handled, replies pending" if letter.handled else "not handled"
        print(
            f"{letter.update_id}  attempts {letter.attempts}  "
            f"first {letter.first_at:%Y-%m-%d %H:%M:%S}  last {letter.last_at:%Y-%m-%d %H:%M:%S}"
            f"  ({state})\n    {letter.error}"
        )
    return 0


async def _letters(settings: Settings) -> list[DeadLetter]:
    engine = create_engine(settings.database_url)
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            return await uow.repo(DeadLettersRepo).listed()
    finally:
        await engine.dispose()


def _retry(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.bot_token:
        print("BOT_TOKEN is needed to send the replies")
        return 2
    return asyncio.run(_run_again(settings, args.update_id))


async def _run_again(settings: Settings, update_id: int) -> int:
    from bot.app import BotApp
    from bot.intake import Outcome, RetryLater

    app = BotApp(settings)
    try:
        await app.runtime.start()
        outcome = await app.intake.retry(update_id)
    except LookupError as exc:
        print(exc)
        return 1
    except RetryLater as exc:
        print(f"update {update_id} failed again, for now: {exc}; try later")
        return 1
    finally:
        await app.close()
    print(f"update {update_id}: {outcome}")
    return 0 if outcome is not Outcome.DEAD_LETTERED else 1
