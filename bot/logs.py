"""Logging set-up that never prints the bot token (it sits in every Bot API URL)."""

from __future__ import annotations

import logging

QUIET = ("httpx", "httpcore", "aiohttp.access", "apscheduler.executors.default")


class RedactToken(logging.Filter):
    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg = message.replace(self.token, "<token>")
                record.args = None
        return True


def setup_logging(level: str, token: str | None) -> None:
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    redact = RedactToken(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
