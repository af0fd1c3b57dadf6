"""Run one benchmark module against a fresh SQLite file and a fresh PostgreSQL database,
each in its own process (Tortoise caches SQL per connection name, so two dialects under
the same name in one process would share it)."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


async def admin(url: str, statement: str) -> None:
    import asyncpg

    dsn = with_database(url, "postgres").replace("postgres://", "postgresql://", 1)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def _in_subprocess(module: str, dialect: str, url: str, contacts: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", module, dialect, url, str(contacts)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{module} on {dialect} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


async def each_database(module: str, contacts: int, postgres: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'bench.sqlite3'}"
        out["sqlite"] = _in_subprocess(module, "sqlite", url, contacts)
    if postgres:
        name = f"herald_bench_{secrets.token_hex(4)}"
        await admin(postgres, f'CREATE DATABASE "{name}"')
        try:
            out["postgres"] = _in_subprocess(
                module, "postgres", with_database(postgres, name), contacts
            )
        finally:
            await admin(postgres, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return out


def main(run_one: Any) -> None:
    """`python -m bench.<module> DIALECT URL CONTACTS`: one database, JSON on stdout."""
    import asyncio

    dialect, url, contacts = sys.argv[1:4]
    print(json.dumps(asyncio.run(run_one(dialect, url, int(contacts)))))
