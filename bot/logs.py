"""Logging set-up that never prints the bot token.

The token sits in every Bot API URL, so it turns up in HTTP client logs, in exception texts
(aiohttp names the file URL of a failed download; PTB's InvalidToken quotes the token) and in
tracebacks. Every record is scrubbed where it is made, message, arguments and exception text
alike, whatever handler later writes it; uncaught exceptions go through logging too.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType
from urllib.parse import quote

QUIET = ("httpx", "httpcore", "aiohttp.access", "apscheduler.executors.default")
MIN_SECRET = 8
HIDDEN = "<token>"


class Redactor:
    """Replaces the token, URL-quoted or not, and its secret half, in any text."""

    def __init__(self, token: str | None) -> None:
        found: set[str] = set()
        if token:
            found |= {token, quote(token, safe="")}
            secret = token.partition(":")[2]
            if len(secret) >= MIN_SECRET:
                found.add(secret)
        self.secrets = sorted(found, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, HIDDEN)
        return text


_formatter = logging.Formatter()


def scrub_record(record: logging.LogRecord, redact: Callable[[str], str]) -> None:
    """Freeze the record's texts with the token taken out (args merged into the message)."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep what can be read
        message = f"{record.msg!r} {record.args!r}"
    record.msg, record.args = redact(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = _formatter.formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


def setup_logging(level: str, token: str | None) -> None:
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    redact = Redactor(token)
    make = _original_factory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = make(*args, **kwargs)
        scrub_record(record, redact)
        return record

    factory.original = make  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)


def _original_factory() -> Callable[..., logging.LogRecord]:
    current = logging.getLogRecordFactory()
    original: Callable[..., logging.LogRecord] = getattr(current, "original", current)
    return original


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """An uncaught exception is logged (scrubbed) instead of printed raw to stderr."""
    logging.getLogger("studio-bot").critical("stopped by an error", exc_info=(kind, error, trace))
