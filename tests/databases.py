"""Real databases for tests: a fresh SQLite file, or a throwaway PostgreSQL database.

Migrating is most of what a short test would spend on its database, so each test process
migrates one template per kind and every test gets a copy: the template's file copied for
SQLite, `CREATE DATABASE … TEMPLATE …` for PostgreSQL. The copy is the same schema the
migrations build (the migration tests still migrate bare databases themselves).

PostgreSQL is at TEST_POSTGRES_URL (default: the local server, trust auth, database `test`).
Where it doesn't answer the PostgreSQL tests skip with the reason, unless REQUIRE_POSTGRES is
set (CI sets it), in which case they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import asyncpg

from storage import migrate

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES", "") not in ("", "0", "false")


def sqlite_url(directory: str) -> str:
    return _sqlite_file_url(Path(directory) / f"studio-{uuid.uuid4().hex[:8]}.sqlite3")


def _sqlite_file_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _pg_url(name: str) -> str:
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    return f"{base}/{name}"


async def create_pg_database(template: str | None = None, prefix: str = "studio_test_") -> str:
    """Create a database next to `test` (empty, or a copy of `template`); its SQLAlchemy URL.

    Names are unique, since other test runs share the server."""
    name = f"{prefix}{uuid.uuid4().hex[:10]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    await _admin(f'CREATE DATABASE "{name}"{copy}')
    return _pg_url(name)


async def drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def migrated(url: str) -> str:
    await migrate.upgrade(url)
    return url


class Templates:
    """One migrated database per kind for this test process, made on first use, and copies of
    it. `close` drops the PostgreSQL template (the SQLite one lives in pytest's temp dir)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._sqlite: Path | None = None
        self._postgres: str | None = None

    async def sqlite(self, directory: str) -> str:
        """A migrated SQLite database in `directory`, copied from the template."""
        if self._sqlite is None:
            self._sqlite = await self._sqlite_template()
        target = Path(sqlite_url(directory).removeprefix("sqlite+aiosqlite:///"))
        shutil.copyfile(self._sqlite, target)
        return _sqlite_file_url(target)

    async def _sqlite_template(self) -> Path:
        path = self.directory / f"template-{uuid.uuid4().hex[:8]}.sqlite3"
        await migrated(_sqlite_file_url(path))
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0, "template left in the WAL"
        return path

    async def postgres(self) -> str:
        """A migrated PostgreSQL database of its own, cloned from the template."""
        if self._postgres is None:
            url = await migrated(await create_pg_database(prefix="studio_tpl_"))
            self._postgres = url.rsplit("/", 1)[1]
        return await create_pg_database(template=self._postgres)

    async def close(self) -> None:
        if self._postgres is not None:
            await drop_pg_database(_pg_url(self._postgres))
            self._postgres = None
