"""The web panel and JSON API application (SPEC §10): `init_app(settings)` builds it,
`run(settings)` serves it (`herald panel`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from core.db import close_db, init_db
from core.settings import Settings
from panel import api, connect, keys, views
from panel.middlewares import csrf_middleware, error_middleware, session_middleware
from panel.sessions import panel_secret

STATIC = Path(__file__).parent / "static"


async def _database(app: web.Application) -> AsyncIterator[None]:
    await init_db(app[keys.SETTINGS].database_url)
    yield
    await close_db()


async def _background_tasks(app: web.Application) -> AsyncIterator[None]:
    """Imports started from the panel finish before the database closes."""
    app[keys.TASKS] = set()
    yield
    if app[keys.TASKS]:
        await asyncio.gather(*app[keys.TASKS], return_exceptions=True)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def init_app(settings: Settings, *, manage_database: bool = True) -> web.Application:
    """The application. `manage_database=False` when the caller already opened the
    database (tests, `herald run`)."""
    app = web.Application(
        middlewares=[error_middleware, session_middleware, csrf_middleware],
        client_max_size=60 * 1024 * 1024,
    )
    app[keys.SETTINGS] = settings
    app[keys.SECRET] = panel_secret(settings)
    app[keys.TASKS] = set()
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("panel", "templates"),
        autoescape=jinja2.select_autoescape(["html", "svg"], default=True),
        context_processors=[views.base_context],
    )
    env.filters.update(views.FILTERS)
    if manage_database:
        app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(_background_tasks)
    app.router.add_get("/healthz", healthz)
    app.router.add_routes(api.routes)
    app.router.add_routes(views.routes)
    app.cleanup_ctx.append(connect.signin_flows)  # accounts/ sign-in flows live here
    app.router.add_routes(connect.routes)
    static = app.router.add_static("/static/", STATIC, name="static", append_version=True)
    env.globals["static"] = lambda name: str(static.url_for(filename=name))
    return app


def run(settings: Settings) -> None:
    """Serve the panel until interrupted (`herald panel`)."""
    web.run_app(
        init_app(settings),
        host=settings.panel.host,
        port=settings.panel.port,
        access_log=None,
        print=lambda text: print(
            f"Herald panel on http://{settings.panel.host}:{settings.panel.port}"
        ),
    )
