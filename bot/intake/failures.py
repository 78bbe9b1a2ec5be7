"""Which failures of an update are worth trying again, and how long to wait before."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from bot.delivery import FloodWait, TransientError

# The database briefly away or busy, a lost race on a unique key, Telegram or the network down:
# the same update may well succeed in a moment. Anything else is a bug or bad data, and stays so.
TRANSIENT: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    IntegrityError,
    PoolTimeout,
    OSError,
    TimeoutError,
    TransientError,
    FloodWait,
)
MAX_DELAY = 30.0


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, TRANSIENT)


def retry_delay(attempt: int) -> float:
    """1, 2, 4 … seconds, at most half a minute."""
    return min(MAX_DELAY, 2.0 ** max(0, attempt - 1))


def describe(exc: BaseException) -> str:
    """One line for a log or a dead letter: the type and the message, no SQL parameters."""
    if isinstance(exc, DBAPIError):
        text = str(exc.orig) if exc.orig is not None else type(exc).__name__
        return f"{type(exc).__name__}: {text}".splitlines()[0]
    return f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
