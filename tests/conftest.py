"""Shared fixtures: a migrated database per session (SQLite by default, PostgreSQL when
HERALD_TEST_DATABASE_URL is set, in a fresh database made for the run), emptied after
each test, and small factories for the rows most tests need."""

from __future__ import annotations

import asyncio
import os
import secrets
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from tortoise import Tortoise, connections

from core.db import init_db, migrate

SERVER_URL = os.environ.get("HERALD_TEST_DATABASE_URL", "")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def _admin(url: str, statement: str) -> None:
    import asyncpg

    dsn = _with_database(url, "postgres").replace("postgres://", "postgresql://", 1)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """The URL of a database migrated from empty by `herald migrate`'s code path."""
    if SERVER_URL:
        name = f"herald_test_{secrets.token_hex(4)}"
        asyncio.run(_admin(SERVER_URL, f'CREATE DATABASE "{name}"'))
        url = _with_database(SERVER_URL, name)
        asyncio.run(migrate(url))
        yield url
        asyncio.run(_admin(SERVER_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite://{Path(tmp) / 'herald-test.sqlite3'}"
            asyncio.run(migrate(url))
            yield url


def _tables() -> list[str]:
    return [
        model._meta.db_table
        for app in Tortoise.apps.values()
        for model in app.values()
        if model._meta.db_table != "aerich"
    ]


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[str]:
    await init_db(database_url)
    try:
        yield database_url
    finally:
        conn = connections.get("default")
        tables = _tables()
        if database_url.startswith("sqlite"):
            script = "PRAGMA foreign_keys=OFF;" + "".join(f'DELETE FROM "{t}";' for t in tables)
            await conn.execute_script(
                script + "DELETE FROM sqlite_sequence; PRAGMA foreign_keys=ON;"
            )
        else:
            quoted = ", ".join(f'"{t}"' for t in tables)
            await conn.execute_script(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        await Tortoise.close_connections()
