"""Request middlewares: errors (a JSON error shape under /api, a friendly page elsewhere;
never a 500 for bad input), the signed session with the signed-in user, and CSRF."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable

import aiohttp_jinja2
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from core.errors import HeraldError
from models import User
from panel import keys
from panel.inputs import read_form
from panel.sessions import COOKIE, MAX_AGE, sign, unsign

log = logging.getLogger("herald.panel")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "server_error",
}
PUBLIC_PREFIXES = ("/signin", "/static/", "/healthz", "/api/", "/signed-out")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_api(request: web.Request) -> bool:
    return request.path.startswith("/api/")


async def error_response(
    request: web.Request, status: int, code: str, message: str
) -> web.Response:
    if is_api(request):
        response = web.json_response({"error": {"code": code, "message": message}}, status=status)
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="herald"'
        return response
    from panel.views import base_context  # the pages' layout needs the signed-in user

    context = {**(await base_context(request)), "status": status, "message": message}
    return aiohttp_jinja2.render_template("error.html", request, context, status=status)


_HTTP_MESSAGES = {
    404: "There is no such page.",
    405: "That method is not allowed here.",
    413: "The upload is too large.",
}


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except HeraldError as exc:
        return await error_response(request, exc.http_status, exc.code, exc.message)
    except (HttpProcessingError, UnicodeDecodeError):
        return await error_response(
            request, 422, "invalid", "The request body could not be read: it is malformed."
        )
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        message = _HTTP_MESSAGES.get(exc.status) or exc.text or exc.reason
        if exc.text and exc.text.startswith(f"{exc.status}:"):
            message = _HTTP_MESSAGES.get(exc.status, exc.reason)
        return await error_response(request, exc.status, CODES.get(exc.status, "error"), message)
    except Exception:
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return await error_response(
            request, 500, "server_error", "Something went wrong on our side; it is logged."
        )


@web.middleware
async def session_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Loads the signed-in user; pages (not /api, not sign-in) require one. The cookie is
    re-signed only when the handler changed the session."""
    secret = request.app[keys.SECRET]
    session = None if is_api(request) else unsign(secret, request.cookies.get(COOKIE))
    user = await User.get_or_none(id=session["uid"]) if session else None
    if user is None:
        session = None
    request[keys.SESSION] = dict(session) if session else None
    request[keys.USER] = user
    public = request.path == "/" or request.path.startswith(PUBLIC_PREFIXES)
    if user is None and not public:
        return await error_response(
            request,
            401,
            "unauthorized",
            "Please sign in: send /panel to the Herald bot for a one-time sign-in link.",
        )
    try:
        response = await handler(request)
    except web.HTTPRedirection as exc:  # keep the session change a redirect carries
        response = web.Response(status=exc.status, headers={"Location": str(exc.location)})
    after = request[keys.SESSION]
    if after != session and not response.prepared:
        if after is None:
            response.del_cookie(COOKIE, path="/")
        else:
            secure = request.app[keys.SETTINGS].panel.base_url.startswith("https://")
            response.set_cookie(
                COOKIE,
                sign(secret, after),
                max_age=MAX_AGE,
                path="/",
                httponly=True,
                samesite="Lax",
                secure=secure,
            )
    return response


@web.middleware
async def csrf_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every state-changing page request carries the session's CSRF token, as a form
    field or the X-CSRF-Token header. The API uses bearer tokens, never cookies."""
    # The sign-in button spends a one-time secret, which is its own proof.
    if request.method in SAFE_METHODS or is_api(request) or request.path.startswith("/signin/"):
        return await handler(request)
    session = request[keys.SESSION]
    sent = request.headers.get("X-CSRF-Token")
    if sent is None and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        form = await read_form(request)
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    expected = session.get("csrf") if session else None
    if not expected or not sent or not hmac.compare_digest(str(sent), str(expected)):
        return await error_response(
            request,
            403,
            "csrf",
            "This form has expired or did not come from the panel; reload the page and try again.",
        )
    return await handler(request)
