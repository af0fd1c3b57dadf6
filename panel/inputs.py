"""Reading request input into plain values: ids from paths, numbers from query strings,
JSON bodies. Shape only; every rule about the values lives in core/."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from core.errors import Invalid, NotFound

INT32 = 2**31 - 1
INT64 = 2**63 - 1


def path_id(request: web.Request, name: str = "id", limit: int = INT32) -> int:
    """An id from the path (the route only matches digits); beyond the column's range it
    cannot exist."""
    value = int(request.match_info[name])
    if not 0 < value <= limit:
        raise NotFound("Not found.")
    return value


def query_int(
    request: web.Request, name: str, default: int, low: int = 1, high: int = 10**6
) -> int:
    raw = request.query.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise Invalid(f"{name} must be a whole number.") from None
    if not low <= value <= high:
        raise Invalid(f"{name} must be between {low} and {high}.")
    return value


def query_bool(request: web.Request, name: str) -> bool:
    raw = (request.query.get(name) or "").lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise Invalid(f"{name} must be true or false.")


def query_text(request: web.Request, name: str, limit: int = 200) -> str | None:
    raw = request.query.get(name)
    if raw in (None, ""):
        return None
    if len(raw) > limit:
        raise Invalid(f"{name} is longer than {limit} characters.")
    return raw


def _check_numbers(value: Any, depth: int = 0) -> None:
    """Integers beyond 64 bits cannot reach the database; refuse them up front."""
    if depth > 50:
        raise Invalid("The JSON body is nested too deeply.")
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not -INT64 - 1 <= value <= INT64:
        raise Invalid("A number in the body is out of range.")
    if isinstance(value, float) and value != value:  # NaN
        raise Invalid("A number in the body is not a number.")
    if isinstance(value, dict):
        for item in value.values():
            _check_numbers(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_numbers(item, depth + 1)


async def json_body(request: web.Request, *, optional: bool = False) -> dict[str, Any]:
    raw = await request.read()
    if not raw.strip():
        if optional:
            return {}
        raise Invalid("The request needs a JSON object body.")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise Invalid("The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise Invalid("The body must be a JSON object.")
    _check_numbers(data)
    return data


def id_list(value: Any, name: str, limit: int = INT64) -> list[int]:
    if not isinstance(value, list) or any(
        not isinstance(i, int) or isinstance(i, bool) for i in value
    ):
        raise Invalid(f"{name} must be a list of ids.")
    if any(not 0 < i <= limit for i in value):
        raise Invalid(f"{name} must hold positive ids.")
    return value


def optional_bool(data: dict[str, Any], name: str, default: bool | None = None) -> bool | None:
    value = data.get(name, default)
    if value is not None and not isinstance(value, bool):
        raise Invalid(f"{name} must be true or false.")
    return value


async def read_form(request: web.Request) -> Any:
    """The posted form; a malformed body is the sender's mistake (422), not ours."""
    try:
        return await request.post()
    except (ValueError, HttpProcessingError):
        raise Invalid("The form could not be read: it is malformed.") from None
