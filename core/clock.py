"""The one source of "now" (UTC, aware), so tests can reason about time."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
