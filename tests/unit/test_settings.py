"""Settings: defaults, nesting, and one clear sentence naming the variable when wrong."""

from __future__ import annotations

import pytest

from core.settings import SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    for key in list(__import__("os").environ):
        if key.startswith("HERALD_"):
            monkeypatch.delenv(key)


def test_defaults():
    s = load_settings()
    assert s.database_url == "sqlite://data/herald.sqlite3"
    assert s.broker_url == "memory://"
    assert s.dialect == "sqlite"
    assert s.panel.port == 8080


def test_nested_variables(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HERALD_BOT__TOKEN", "123:abc")
    monkeypatch.setenv("HERALD_TELEGRAM__DC", "127.0.0.1:9443")
    monkeypatch.setenv("HERALD_PANEL__PORT", "9000")
    monkeypatch.setenv("HERALD_DATABASE_URL", "postgres://u@h/db")
    s = load_settings()
    assert (s.bot.token, s.telegram.dc, s.panel.port, s.dialect) == (
        "123:abc",
        "127.0.0.1:9443",
        9000,
        "postgres",
    )


def test_dotenv_file(tmp_path):
    (tmp_path / ".env").write_text("HERALD_BROKER_URL=redis://localhost:6379/0\n")
    assert load_settings().broker_url == "redis://localhost:6379/0"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("HERALD_DATABASE_URL", "mysql://x", "HERALD_DATABASE_URL must start with sqlite://"),
        ("HERALD_BROKER_URL", "kafka://x", "HERALD_BROKER_URL must be memory://"),
        ("HERALD_BOT__TOKEN", "nonsense", "HERALD_BOT__TOKEN must look like 123456:ABC"),
        ("HERALD_TELEGRAM__DC", "localhost", "HERALD_TELEGRAM__DC must be host:port"),
        ("HERALD_PANEL__PORT", "70000", "HERALD_PANEL__PORT "),
        ("HERALD_TELEGRAM__API_ID", "abc", "HERALD_TELEGRAM__API_ID "),
        ("HERALD_LOG_FORMAT", "xml", "HERALD_LOG_FORMAT "),
    ],
)
def test_one_sentence_naming_the_variable(monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    text = str(info.value)
    assert text.startswith(message)
    assert text.endswith(".") and "\n" not in text
