"""Database start-up: the Tortoise configuration for SQLite or PostgreSQL, and migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url

MIGRATIONS_ROOT = Path(__file__).resolve().parent.parent / "migrations"


def dialect_of(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgres"


def tortoise_config(url: str) -> dict[str, Any]:
    if url.startswith("postgresql://"):
        url = "postgres://" + url.removeprefix("postgresql://")
    connection: str | dict[str, Any] = url
    if url.startswith("sqlite://") and not url.startswith("sqlite://:memory:"):
        Path(url.removeprefix("sqlite://")).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("postgres://"):
        connection = expand_db_url(url)
        # JIT compilation costs more than it saves on Herald's short OLTP statements
        # (hundreds of ms on a 100,000-row aggregate or update).
        server_settings = connection["credentials"].setdefault("server_settings", {})
        server_settings.update({"jit": "off", "application_name": "herald"})
    return {
        "connections": {"default": connection},
        "apps": {
            "models": {"models": ["models", "aerich.models"], "default_connection": "default"}
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def migrations_location(url: str) -> str:
    """aerich writes dialect-specific SQL, so each dialect has its own migration set."""
    return str(MIGRATIONS_ROOT / dialect_of(url))


async def init_db(url: str) -> None:
    await Tortoise.init(config=tortoise_config(url))
    if dialect_of(url) == "sqlite":
        conn = connections.get("default")
        # WAL lets the panel read while the engine writes; foreign keys are off by default.
        await conn.execute_script("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;")


async def close_db() -> None:
    await Tortoise.close_connections()


async def migrate(url: str) -> list[str]:
    """Apply every migration not yet applied; returns the names applied."""
    from aerich import Command

    config = tortoise_config(url)
    # aerich only initialises Tortoise when it is not yet; initialise it for this URL.
    await Tortoise.init(config=config)
    command = Command(config, app="models", location=migrations_location(url))
    await command.init()
    try:
        return await command.upgrade(run_in_transaction=True)
    finally:
        await Tortoise.close_connections()


def connection():
    return connections.get("default")


def current_dialect() -> str:
    return "sqlite" if connection().capabilities.dialect == "sqlite" else "postgres"


def placeholders(count: int, start: int = 1) -> list[str]:
    """Numbered parameter markers for raw SQL (`?N` in SQLite, `$N` in PostgreSQL), so the
    same statement text can reuse a parameter in both dialects."""
    sign = "?" if current_dialect() == "sqlite" else "$"
    return [f"{sign}{i}" for i in range(start, start + count)]
