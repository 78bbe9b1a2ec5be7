"""Apply Alembic migrations programmatically, at start-up and from `studio-bot db`.

A database already at the newest revision is recognised without Alembic (`is_current`), so the
running bot never loads Alembic, Mako and Pygments just to learn that nothing is to be done:
the newest revision is read off the scripts' own `revision` / `down_revision` lines.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.db import create_engine

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION_LINE = re.compile(r'^(down_)?revision\s*=\s*(?:"([^"]*)"|None)', re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def revisions() -> list[str]:
    """Every revision id, oldest first (the stairway test walks them)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def head() -> str:
    """The newest revision: the one no other revision follows (one chain, one head)."""
    named: set[str] = set()
    followed: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for down, revision in _REVISION_LINE.findall(script.read_text("utf-8")):
            if revision:
                (followed if down else named).add(revision)
    [newest] = named - followed
    return newest


async def is_current(url: str) -> bool:
    """Whether the database stands at `head` already."""
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            found = await conn.scalar(text("SELECT version_num FROM alembic_version"))
    except DBAPIError:  # no version table: a new database
        return False
    finally:
        await engine.dispose()
    return bool(found == head())


async def _run(url: str, action: str, target: str) -> None:
    from alembic import command

    engine = create_engine(url)
    try:
        async with engine.begin() as conn:

            def run(sync_conn: Connection) -> None:
                getattr(command, action)(alembic_config(sync_conn), target)

            await conn.run_sync(run)
    finally:
        await engine.dispose()


async def upgrade(url: str, target: str = "head") -> None:
    await _run(url, "upgrade", target)


async def upgrade_if_behind(url: str) -> None:
    """`upgrade` to head unless the database is there: what the bot does at every start."""
    if not await is_current(url):
        await upgrade(url)


async def downgrade(url: str, target: str) -> None:
    await _run(url, "downgrade", target)
