"""The panel under aiohttp's test client, on the migrated test database, with helpers to
sign in through a one-time link and to call the API with a token."""

from __future__ import annotations

import re
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from core.credentials import create_api_token, create_signin_token
from core.settings import load_settings
from models import User
from panel.app import init_app

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
async def client(db: str, tmp_path) -> Any:
    settings = load_settings(database_url=db, secret_key="panel-test-secret", data_dir=tmp_path)
    app = init_app(settings, manage_database=False)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def token_headers(user: User, organization_id: int | None = None) -> dict[str, str]:
    secret, _ = await create_api_token(user, "test")
    headers = {"Authorization": f"Bearer {secret}"}
    if organization_id is not None:
        headers["X-Organization-Id"] = str(organization_id)
    return headers


async def sign_in(client: TestClient, user: User) -> str:
    """Sign in through a one-time link; returns the session's CSRF token."""
    token = await create_signin_token(user)
    page = await client.get(f"/signin/{token}")
    assert page.status == 200
    response = await client.post(f"/signin/{token}", allow_redirects=False)
    assert response.status == 303, await response.text()
    return await csrf_of(client)


async def csrf_of(client: TestClient, path: str = "/campaigns") -> str:
    page = await client.get(path)
    assert page.status == 200, await page.text()
    match = CSRF.search(await page.text())
    assert match
    return match.group(1)
