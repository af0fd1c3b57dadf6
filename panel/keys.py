"""Typed keys for what the application and each request carry."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from core.permissions import Actor
from core.settings import Settings
from models import User

SETTINGS = web.AppKey("settings", Settings)
SECRET = web.AppKey("secret", bytes)
TASKS = web.AppKey("tasks", set[asyncio.Task[Any]])
SESSION = web.RequestKey("herald_session", dict[str, Any] | None)
USER = web.RequestKey("herald_user", User | None)
ACTOR = web.RequestKey("herald_actor", Actor)
