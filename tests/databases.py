"""Real databases for tests: a fresh SQLite file, or a throwaway PostgreSQL database.

PostgreSQL is at TEST_POSTGRES_URL (default: the local server, trust auth, database `test`).
Where it doesn't answer the PostgreSQL tests skip with the reason, unless REQUIRE_POSTGRES is
set (CI sets it), in which case they fail.
"""

from __future__ import annotations

import os
import uuid

import asyncpg

from storage import migrate

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES", "") not in ("", "0", "false")


def sqlite_url(directory: str) -> str:
    return f"sqlite+aiosqlite:///{directory}/studio-{uuid.uuid4().hex[:8]}.sqlite3"


async def create_pg_database() -> str:
    """Create an empty database next to `test` and return its SQLAlchemy URL."""
    name = f"studio_test_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    return f"{base}/{name}"


async def drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def migrated(url: str) -> str:
    await migrate.upgrade(url)
    return url
