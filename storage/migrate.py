"""Apply Alembic migrations programmatically, at start-up and from `studio-bot db`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.db import create_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def revisions() -> list[str]:
    """Every revision id, oldest first (the stairway test walks them)."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


async def _run(url: str, action: str, target: str) -> None:
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


async def downgrade(url: str, target: str) -> None:
    await _run(url, "downgrade", target)
