"""Herald's error kinds: every rule in core/ refuses with one of these, and every
interface maps the kind to its own answer (bot text, HTTP status, CLI exit)."""

from __future__ import annotations


class HeraldError(Exception):
    """Base of every refusal. `kind` is what interfaces switch on; `message` is one
    plain sentence a user can act on."""

    kind = "invalid"
    http_status = 422

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.kind


class NotFound(HeraldError):
    """The thing does not exist, or the actor may not see it (never 'forbidden')."""

    kind = "not_found"
    http_status = 404


class Forbidden(HeraldError):
    """The actor sees the thing but may not do this to it."""

    kind = "forbidden"
    http_status = 403


class Conflict(HeraldError):
    """The thing's current status forbids the action."""

    kind = "conflict"
    http_status = 409


class Invalid(HeraldError):
    """The input, or a requirement of the action, is not met."""

    kind = "invalid"
    http_status = 422
