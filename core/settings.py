"""Herald's settings (SPEC §12): environment variables prefixed HERALD_, `__` for nesting,
an optional .env; a wrong value stops start-up with one sentence naming the variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one sentence naming the variable."""


class BotSettings(BaseModel):
    token: str = ""
    api_base: str = ""
    webhook_url: str = ""
    webhook_secret: str = ""

    @field_validator("token")
    @classmethod
    def _token_shape(cls, value: str) -> str:
        if value and (":" not in value or not value.split(":", 1)[0].isdigit()):
            raise ValueError("must look like 123456:ABC..., as BotFather gives it")
        return value


class TelegramSettings(BaseModel):
    api_id: int = 0
    api_hash: str = ""
    # "host:port" of a data centre to use instead of Telegram's (the sandbox).
    dc: str = ""
    dc_id: int = 2
    # PEM of the server's RSA public key to trust (the sandbox's), or a path to it.
    server_key: str = ""

    @field_validator("dc")
    @classmethod
    def _dc_shape(cls, value: str) -> str:
        if value:
            host, _, port = value.rpartition(":")
            if not host or not port.isdigit() or not 0 < int(port) < 65536:
                raise ValueError("must be host:port, for example 127.0.0.1:8443")
        return value


class PanelSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    base_url: str = ""


class EngineSettings(BaseModel):
    lease_seconds: int = Field(default=30, ge=5)
    consecutive_failure_limit: int = Field(default=25, ge=1)
    statistics_cache_seconds: int = Field(default=300, ge=1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="HERALD_",
        env_nested_delimiter="__",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    database_url: str = "sqlite://data/herald.sqlite3"
    broker_url: str = "memory://"
    data_dir: Path = Path("data")
    secret_key: str = ""
    encryption_key: str = ""
    log_format: Literal["text", "json"] = "text"
    log_level: str = "INFO"
    bot: BotSettings = BotSettings()
    telegram: TelegramSettings = TelegramSettings()
    panel: PanelSettings = PanelSettings()
    engine: EngineSettings = EngineSettings()

    @field_validator("database_url")
    @classmethod
    def _database_scheme(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgres://", "postgresql://", "asyncpg://")):
            raise ValueError("must start with sqlite://, postgres:// or postgresql://")
        return value

    @field_validator("broker_url")
    @classmethod
    def _broker_scheme(cls, value: str) -> str:
        if not value.startswith(("memory://", "redis://", "rediss://", "amqp://", "amqps://")):
            raise ValueError("must be memory://, redis://… or amqp://…")
        return value

    @property
    def dialect(self) -> Literal["sqlite", "postgres"]:
        return "sqlite" if self.database_url.startswith("sqlite") else "postgres"


def _variable_name(loc: tuple[object, ...]) -> str:
    return "HERALD_" + "__".join(str(part).upper() for part in loc)


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning the first validation error into one plain sentence."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        message = str(first.get("msg", "is invalid")).removeprefix("Value error, ")
        raise SettingsError(f"{_variable_name(first['loc'])} {message}.") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
