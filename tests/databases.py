"""Real databases for tests: a fresh SQLite file, or a throwaway PostgreSQL database.

Migrating is most of what a short test would spend on its database, so each test process
migrates one template per kind and every test gets a copy: the template's file copied for
SQLite, `CREATE DATABASE … TEMPLATE …` for PostgreSQL. The copy is the same schema the
migrations build (the migration tests still migrate bare databases themselves).

On PostgreSQL even a copy costs a second or more (the server writes the whole database through
its WAL and syncs it), so a copy a test has finished with is emptied and handed to the next
test of the process: its other sessions ended, every row deleted and its sequences set back.
It is only handed on when its schema is still the template's, fingerprinted from the catalogs;
a test that dropped it or changed its schema leaves it to be replaced by a fresh copy.

PostgreSQL is at TEST_POSTGRES_URL (default: the local server, trust auth, database `test`).
Where it doesn't answer the PostgreSQL tests skip with the reason, unless REQUIRE_POSTGRES is
set (CI sets it), in which case they fail.
"""

from __future__ import annotations

import contextlib
import hashlib
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


def _pg_dsn(name: str) -> str:
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


# Everything a test could change in a schema: tables, columns, constraints, indexes, sequences,
# functions, triggers and views of `public`, and the migration the database is at.
_SCHEMA = """
SELECT string_agg(line, E'\n' ORDER BY line) FROM (
  SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable,
                column_default) AS line
    FROM information_schema.columns WHERE table_schema = 'public'
  UNION ALL SELECT format('constraint %s %s %s', conrelid::regclass, conname,
                         pg_get_constraintdef(oid))
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
  UNION ALL SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL SELECT format('sequence %s %s %s', sequencename, start_value, increment_by)
    FROM pg_sequences WHERE schemaname = 'public'
  UNION ALL SELECT format('function %s', oid::regprocedure) FROM pg_proc
    WHERE pronamespace = 'public'::regnamespace
  UNION ALL SELECT format('trigger %s %s', t.tgrelid::regclass, t.tgname) FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
  UNION ALL SELECT format('view %s', viewname) FROM pg_views WHERE schemaname = 'public'
  UNION ALL SELECT format('at %s', version_num) FROM alembic_version
) AS schema
"""
# Tables children first, so deleting every row never trips a foreign key.
_TABLES = """
WITH RECURSIVE tables AS (
  SELECT c.oid, c.relname FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
     AND c.relname <> 'alembic_version'
), depth (oid, level) AS (
  SELECT oid, 0 FROM tables
  UNION ALL
  SELECT f.conrelid, d.level + 1 FROM depth d
    JOIN pg_constraint f ON f.contype = 'f' AND f.confrelid = d.oid AND f.conrelid <> d.oid
   WHERE d.level < 100
)
SELECT t.relname FROM tables t JOIN depth d USING (oid)
 GROUP BY t.relname ORDER BY max(d.level) DESC, t.relname
"""
_SEQUENCES = """
SELECT format('%I.%I', schemaname, sequencename), start_value FROM pg_sequences
 WHERE schemaname = 'public'
"""


class _Emptying:
    """How to empty a copy of the template again, read once from the template itself."""

    def __init__(
        self, schema: str, tables: list[str], sequences: list[tuple[str, int]], seeded: bool
    ) -> None:
        self.schema = schema
        self.seeded = seeded  # rows the migrations put in: emptying would lose them
        deletes = "".join(f"DELETE FROM public.{_ident(t)};" for t in tables)
        resets = "".join(f"SELECT setval('{s}', {start}, false);" for s, start in sequences)
        self.sql = deletes + resets

    @classmethod
    async def read(cls, conn: asyncpg.Connection) -> _Emptying:
        tables = [row[0] for row in await conn.fetch(_TABLES)]
        sequences = [(row[0], int(row[1])) for row in await conn.fetch(_SEQUENCES)]
        seeded = False
        for table in tables:
            seeded = seeded or bool(
                await conn.fetchval(f"SELECT EXISTS (SELECT FROM public.{_ident(table)})")
            )
        return cls(await _fingerprint(conn), tables, sequences, seeded)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def _fingerprint(conn: asyncpg.Connection) -> str:
    return hashlib.sha256(str(await conn.fetchval(_SCHEMA)).encode()).hexdigest()


class Templates:
    """One migrated database per kind for this test process, made on first use, and copies of
    it. `close` drops the PostgreSQL template and the copies kept for reuse (the SQLite files
    live in pytest's temp dir)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._sqlite: Path | None = None
        self._postgres: str | None = None
        self._emptying: _Emptying | None = None
        self._free: list[str] = []  # copies a test has finished with, as SQLAlchemy URLs

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
        """A migrated, empty PostgreSQL database of its own: a copy of the template, or one a
        finished test handed back (`release`), emptied."""
        if self._postgres is None:
            url = await migrated(await create_pg_database(prefix="studio_tpl_"))
            self._postgres = url.rsplit("/", 1)[1]
            conn = await asyncpg.connect(_pg_dsn(self._postgres), timeout=5)
            try:
                self._emptying = await _Emptying.read(conn)
            finally:
                await conn.close()
        while self._free:
            url = self._free.pop()
            if await self._emptied(url):
                return url
            await drop_pg_database(url)
        return await create_pg_database(template=self._postgres)

    def release(self, url: str) -> None:
        """The test is done with this copy; the next one may have it, emptied."""
        self._free.append(url)

    async def _emptied(self, url: str) -> bool:
        """End the copy's other sessions and delete its rows, if its schema is the template's."""
        assert self._emptying is not None
        if self._emptying.seeded:
            return False
        try:
            conn = await asyncpg.connect(_pg_dsn(url.rsplit("/", 1)[1]), timeout=5)
        except (OSError, asyncpg.PostgresError):
            return False  # dropped by the test
        try:
            await conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if await _fingerprint(conn) != self._emptying.schema:
                return False
            async with conn.transaction():
                await conn.execute(self._emptying.sql)
            return True
        except asyncpg.PostgresError:
            return False
        finally:
            await conn.close()

    async def close(self) -> None:
        for url in self._free:
            with contextlib.suppress(OSError, asyncpg.PostgresError):
                await drop_pg_database(url)
        self._free.clear()
        if self._postgres is not None:
            await drop_pg_database(_pg_url(self._postgres))
            self._postgres = None
