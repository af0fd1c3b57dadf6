"""Message templates: sandboxed Jinja2 for message and notification texts, with the
contact's variables, a forgiving `default` filter and a deterministic `spin`."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from jinja2 import ChainableUndefined, Template, TemplateSyntaxError, Undefined, meta
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from core.errors import Invalid

__all__ = [
    "KNOWN_VARIABLES",
    "MAX_RENDERED_CHARS",
    "MAX_TEMPLATE_CHARS",
    "TemplateError",
    "contact_context",
    "render",
    "template_problems",
    "unknown_variables",
]

# What a template may name. `spin` and the few harmless Jinja globals are functions.
KNOWN_VARIABLES: frozenset[str] = frozenset(
    {
        "first_name",
        "last_name",
        "username",
        "full_name",
        "phone",
        "language",
        "fields",
        "tags",
        "variant",
    }
)
_FUNCTIONS: frozenset[str] = frozenset({"spin", "range", "dict", "namespace"})

# A template far longer than a Telegram message (4096) is a mistake, and parsing
# arbitrary megabytes on every save is a cheap way to hurt the server.
MAX_TEMPLATE_CHARS = 10_000
# Rendering stops past this: a loop gone wrong must not build a huge string in memory.
MAX_RENDERED_CHARS = 20_000
# Jinja's sandbox allows range(100000); nobody needs more than this in a message.
_MAX_RANGE = 1_000
# Products of `*` and `**` larger than this are refused ("x" * 10**9 would eat memory).
_MAX_PRODUCT = 100_000


class TemplateError(Invalid):
    """A template cannot be rendered; the message says why in plain words."""


def _is_missing(value: object) -> bool:
    return (
        value is None
        or isinstance(value, Undefined)
        or (isinstance(value, str) and not value.strip())
    )


def _default(value: object, default_value: object = "", boolean: bool = False) -> object:
    """Jinja's `default`, except that an empty or blank string also counts as missing:
    contacts imported from a file have "" where a name is unknown, and
    `{{ first_name | default("there") }}` must still greet them. 0 and False stay."""
    if _is_missing(value) or (boolean and not value):
        return default_value
    return value


def _safe_range(*args: int) -> range:
    result = range(*args)
    if len(result) > _MAX_RANGE:
        raise SecurityError(f"range() is limited to {_MAX_RANGE} items in a template.")
    return result


class _HeraldSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with multiplication and power bounded so a template cannot allocate
    gigabytes or compute enormous integers."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            numbers = isinstance(right, int | float) and isinstance(left, int | float)
            if numbers and (
                abs(right) > 64 or (isinstance(left, int) and abs(left) > _MAX_PRODUCT)
            ):
                raise SecurityError("The power in this template is too large.")
            return super().call_binop(context, operator, left, right)
        for seq, count in ((left, right), (right, left)):
            repeats = isinstance(seq, str | list | tuple) and isinstance(count, int)
            if repeats and len(seq) * count > _MAX_PRODUCT:
                raise SecurityError("A repeated text in this template is too long.")
        return super().call_binop(context, operator, left, right)


class _Missing(ChainableUndefined):
    """Renders empty, chains through attributes, and calling it gives itself, so
    `{{ unknown() }}` behaves like `{{ unknown }}`. A sandbox refusal still raises."""

    __slots__ = ()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._undefined_exception is SecurityError:
            return self._fail_with_undefined_error()
        return self


def _make_env() -> _HeraldSandbox:
    env = _HeraldSandbox(
        # Telegram text, not HTML: escaping would show "&amp;" to the lead.
        autoescape=False,
        # Missing variables, and attributes of missing things, render empty.
        undefined=_Missing,
        keep_trailing_newline=True,
    )
    env.filters["default"] = _default
    env.filters["d"] = _default
    # lipsum/cycler/joiner have no use in a message; range is bounded.
    env.globals = {"range": _safe_range, "dict": dict, "namespace": env.globals["namespace"]}
    return env


_ENV = _make_env()


@lru_cache(maxsize=512)
def _compile(text: str) -> Template:
    return _ENV.from_string(text)


@lru_cache(maxsize=512)
def _undeclared(text: str) -> frozenset[str]:
    return frozenset(meta.find_undeclared_variables(_ENV.parse(text)))


def template_problems(text: str) -> list[str]:
    """Plain sentences about why `text` is not a valid template; empty when it compiles."""
    if not isinstance(text, str):
        return ["The template must be text."]
    if len(text) > MAX_TEMPLATE_CHARS:
        return [f"The template is longer than {MAX_TEMPLATE_CHARS} characters."]
    try:
        _compile(text)
    except TemplateSyntaxError as exc:
        where = f"line {exc.lineno}" if exc.lineno else "the template"
        reason = (exc.message or "invalid syntax").rstrip(".")
        return [f"Template error on {where}: {reason}."]
    except RecursionError:
        return ["The template is nested too deeply to read."]
    except Exception as exc:  # a Jinja internal error on odd input is still bad input
        return [f"The template cannot be read ({type(exc).__name__})."]
    return []


def unknown_variables(text: str) -> set[str]:
    """Variable names the template uses that Herald does not provide (they render empty).
    A template that does not compile has none: its syntax error is reported instead."""
    if not isinstance(text, str) or len(text) > MAX_TEMPLATE_CHARS:
        return set()
    try:
        names = _undeclared(text)
    except Exception:  # syntax errors are template_problems' business
        return set()
    return {name for name in names if name not in KNOWN_VARIABLES | _FUNCTIONS}


def _make_spin(seed: str) -> Any:
    calls = 0

    def spin(*options: object) -> object:
        """Pick one option: the same for the same seed and call position, so a retried
        step sends the same words, while each spin in a template varies on its own."""
        nonlocal calls
        index = calls
        calls += 1
        if not options:
            return ""
        key = "\x1f".join([seed, str(index), *map(str, options)]).encode("utf-8", "replace")
        digest = int.from_bytes(hashlib.sha256(key).digest()[:8], "big")
        return options[digest % len(options)]

    return spin


def _bounded(chunks: Iterator[str]) -> str:
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_RENDERED_CHARS:
            raise TemplateError(f"The template renders more than {MAX_RENDERED_CHARS} characters.")
        parts.append(chunk)
    return "".join(parts)


def render(text: str, context: Mapping[str, object], seed: str) -> str:
    """Render `text` for one contact. `seed` (execution id + node id) fixes every `spin`.
    Unknown variables render empty; anything else that goes wrong is a TemplateError."""
    problems = template_problems(text)
    if problems:
        raise TemplateError(problems[0])
    variables = {**context, "spin": _make_spin(seed)}
    try:
        return _bounded(_compile(text).generate(variables))
    except TemplateError:
        raise
    except SecurityError as exc:
        reason = str(exc).rstrip(".")
        raise TemplateError(f"The template tried something that is not allowed: {reason}.") from exc
    except JinjaTemplateError as exc:
        reason = str(exc.message or exc).rstrip(".")
        raise TemplateError(f"The template failed: {reason}.") from exc
    except RecursionError as exc:
        raise TemplateError("The template is nested too deeply to render.") from exc
    except Exception as exc:  # e.g. 1/0 or "a" + 1 inside the template: the user's mistake
        raise TemplateError(f"The template failed: {type(exc).__name__}: {exc}.") from exc


def _clean(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return str(value).strip()


def contact_context(
    first_name: str | None,
    last_name: str | None,
    username: str | None,
    phone: str | None,
    language: str | None,
    tags: Sequence[str] | None,
    fields: Mapping[str, object] | None,
    variant: str | None = None,
) -> dict[str, object]:
    """The variables a template sees for one contact; missing values are empty strings so
    `default` and `if` behave the same for "unknown" and "blank"."""
    first, last = _clean(first_name), _clean(last_name)
    return {
        "first_name": first,
        "last_name": last,
        "full_name": " ".join(part for part in (first, last) if part),
        # Stored without "@" (§4); templates write "@{{ username }}" when they want it.
        "username": _clean(username).lstrip("@"),
        "phone": _clean(phone),
        "language": _clean(language),
        "tags": list(tags or ()),
        "fields": dict(fields or {}),
        "variant": variant or "",
    }
