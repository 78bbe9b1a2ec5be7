"""`studio-bot`: run the bot, manage the database, and the agency's command-line tasks."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence

from bot.settings import Settings, SettingsError, load_settings

Handler = Callable[[argparse.Namespace, Settings], int]
log = logging.getLogger("studio-bot")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.bot_token:
        from bot.playground import run_playground

        return int(run_playground(settings))
    from bot.app import BotApp, run_process
    from bot.delivery import PermanentError
    from bot.polling import PollingConflict

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_process(BotApp(settings), stop)

    try:
        asyncio.run(main())
    except (PermanentError, PollingConflict) as exc:  # a revoked token, another instance
        log.error("stopped: %s", exc)
        return 1
    return 0


def _playground(args: argparse.Namespace, settings: Settings) -> int:
    from bot.playground import run_playground

    return int(run_playground(settings))


def _db(args: argparse.Namespace, settings: Settings) -> int:
    from storage import migrate

    if args.action == "upgrade":
        asyncio.run(migrate.upgrade(settings.database_url, args.target or "head"))
    else:
        asyncio.run(migrate.downgrade(settings.database_url, args.target or "-1"))
    print(f"database {args.action}d: {settings.database_url.split('@')[-1]}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studio-bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (the playground without BOT_TOKEN)").set_defaults(
        handler=_run
    )
    sub.add_parser("playground", help="local emulator + bot + terminal chat").set_defaults(
        handler=_playground
    )
    db = sub.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("target", nargs="?", default=None)
    db.set_defaults(handler=_db)
    from bot.commands import register_all

    register_all(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # python-telegram-bot 22 has no setting but this environment variable for its future
    # timedelta periods (telegram/_utils/datetime.py reads it on every RetryAfter; without it
    # each 429 warns). Set once here, for the whole process, and never by a runtime.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    from bot.logs import setup_logging

    setup_logging(settings.log_level, settings.bot_token)
    handler: Handler = args.handler
    return int(handler(args, settings))


if __name__ == "__main__":
    sys.exit(main())
