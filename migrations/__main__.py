"""Write a new migration for both dialects, or check that none is missing.

aerich generates dialect-specific SQL, so `make` writes the same change twice: into
migrations/sqlite/models and migrations/postgres/models. Both are computed offline from
the last migration's recorded model state, so no database is needed."""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

from tortoise import Tortoise

from core.db import MIGRATIONS_ROOT, tortoise_config

# Offline generation never opens these connections; they only select the SQL dialect.
DIALECT_URLS = {
    "sqlite": "sqlite://:memory:",
    "postgres": "postgres://postgres@127.0.0.1:5432/unused",
}


async def _generate(dialect: str, location: Path, name: str) -> str:
    from aerich import Command

    config = tortoise_config(DIALECT_URLS[dialect])
    await Tortoise.init(config=config)
    command = Command(config, app="models", location=str(location))
    try:
        target = location / "models"
        has_files = target.exists() and any(target.glob("*.py"))
        if not has_files:
            target.mkdir(parents=True, exist_ok=True)
            await command.init_migrations(safe=False)
            return "initial"
        await command.init(offline=True)
        return await command.migrate(name, no_input=True, offline=True)
    finally:
        await Tortoise.close_connections()


async def make(name: str) -> dict[str, str]:
    return {d: await _generate(d, MIGRATIONS_ROOT / d, name) for d in DIALECT_URLS}


async def missing() -> list[str]:
    """Dialects whose migrations do not reach the current models (empty when all do)."""
    out = []
    for dialect in DIALECT_URLS:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / dialect
            shutil.copytree(MIGRATIONS_ROOT / dialect, copy)
            if await _generate(dialect, copy, "check"):
                out.append(dialect)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m migrations")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("make").add_argument("name")
    sub.add_parser("check")
    args = parser.parse_args(argv)
    if args.command == "make":
        for dialect, result in asyncio.run(make(args.name)).items():
            print(f"{dialect}: {result or 'no changes'}")
        return 0
    stale = asyncio.run(missing())
    if stale:
        print(
            f"Models changed without a migration for: {', '.join(stale)}. "
            "Run `make migration NAME=...`."
        )
        return 1
    print("Migrations are up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
