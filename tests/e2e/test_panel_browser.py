"""The panel in Debian's headless Chromium, driven by Playwright: sign in through a link,
bulk-launch from the list, watch statistics refresh, export logs, edit a flow and see the
drawing change. Screenshots land in test-artifacts/."""

from __future__ import annotations

import json
import os
from pathlib import Path

import playwright.async_api as playwright_api
import pytest
from aiohttp import web

from core import campaigns
from core.credentials import create_signin_token
from core.settings import load_settings
from core.workspaces import actor_for
from models import ExecutionLog
from panel.app import init_app
from tests import factories

CHROMIUM = os.environ.get("HERALD_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def chromium_is_there() -> None:
    # `make test` installs Debian's chromium when it is missing; say so rather than skip.
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium).")


@pytest.fixture
async def panel(db, tmp_path):
    settings = load_settings(database_url=db, secret_key="e2e", data_dir=tmp_path)
    runner = web.AppRunner(init_app(settings, manage_database=False))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
async def browser():
    async with playwright_api.async_playwright() as p:
        chromium = await p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-gpu",
            ],
        )
        try:
            yield chromium
        finally:
            await chromium.close()


async def _signed_in_page(browser, panel: str, user):
    context = await browser.new_context(
        accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    page = await context.new_page()
    token = await create_signin_token(user)
    await page.goto(f"{panel}/signin/{token}")
    await page.click("#signin")
    await page.wait_for_url(f"{panel}/campaigns")
    return page


async def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"panel-{name}.png"), full_page=True)


async def test_sign_in_and_bulk_launch_from_the_list(panel, browser):
    user = await factories.user("Dana")
    actor = await actor_for(user, None)
    first = await factories.ready_campaign(actor, name="First wave")
    second = await factories.ready_campaign(actor, name="Second wave")
    await factories.campaign(actor, name="Draft without contacts")
    page = await _signed_in_page(browser, panel, user)
    await _shot(page, "campaigns")
    bar = page.locator("[data-bulk-bar]")
    assert await bar.is_hidden()
    await page.check(f'input[name="ids"][value="{first.id}"]')
    await page.check(f'input[name="ids"][value="{second.id}"]')
    assert await bar.is_visible()
    assert await page.locator('[data-bulk-action="pause"]').is_hidden()  # no selected one may
    await _shot(page, "bulk-bar")
    await page.click('[data-bulk-action="launch"]')
    await page.wait_for_selector("#bulk-results")
    assert "2 of 2 done" in await page.inner_text("h1")
    await _shot(page, "bulk-results")
    assert (await campaigns.load_campaign(actor, first.id)).status.value == "active"


async def test_statistics_refresh_by_themselves(panel, browser):
    user = await factories.user()
    actor = await actor_for(user, None)
    campaign = await factories.ready_campaign(actor, leads=2)
    page = await _signed_in_page(browser, panel, user)
    await page.clock.install()
    await page.goto(f"{panel}/campaigns/{campaign.id}/statistics")
    kpis = page.locator(".kpis li").first
    assert "2" in await kpis.inner_text()
    more = await factories.contacts(actor, 3)
    await campaigns.add_contacts(actor, campaign.id, [c.id for c in more])
    await page.clock.fast_forward("00:31")
    await page.wait_for_function(
        "document.querySelector('.kpis li b').textContent.trim() === '5'", timeout=10_000
    )
    await _shot(page, "statistics")


async def test_export_logs_download(panel, browser, tmp_path):
    user = await factories.user()
    actor = await actor_for(user, None)
    campaign = await factories.ready_campaign(actor, leads=1)
    await ExecutionLog.create(
        campaign_id=campaign.id, kind="message_sent", message_text="Hello <there>"
    )
    page = await _signed_in_page(browser, panel, user)
    await page.goto(f"{panel}/campaigns/{campaign.id}/logs")
    await _shot(page, "logs")
    async with page.expect_download() as info:
        await page.click('[data-export="ndjson"]')
    download = await info.value
    target = tmp_path / "logs.ndjson"
    await download.save_as(target)
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert "Hello <there>" in [r["message_text"] for r in rows]


async def test_edit_a_flow_and_see_the_drawing_change(panel, browser):
    user = await factories.user()
    actor = await actor_for(user, None)
    campaign = await factories.campaign(actor)
    page = await _signed_in_page(browser, panel, user)
    await page.goto(f"{panel}/campaigns/{campaign.id}/flow/edit")
    drawing = page.locator("[data-flow-drawing]")
    assert await drawing.locator('[data-node="hello"]').count() == 1
    flow = {
        "nodes": [
            {"id": "start", "type": "start"},
            {"id": "hello", "type": "send_message", "text": "Hi"},
            {"id": "wait", "type": "wait_for_reply", "timeout": {"amount": 1, "unit": "days"}},
            {"id": "thanks", "type": "send_message", "text": "Thanks!"},
            {"id": "nudge", "type": "send_message", "text": "Ping?"},
        ],
        "edges": [
            {"from": "start", "to": "hello"},
            {"from": "hello", "to": "wait"},
            {"from": "wait", "to": "thanks", "when": "replied"},
            {"from": "wait", "to": "nudge", "when": "timeout"},
        ],
    }
    await page.fill("[data-flow-text]", json.dumps(flow, indent=2))
    await page.wait_for_selector('[data-flow-drawing] [data-node="nudge"]', timeout=10_000)
    assert "replied" in await drawing.inner_text()
    await _shot(page, "flow-editor")
    broken = {**flow, "edges": flow["edges"][:2]}
    await page.fill("[data-flow-text]", json.dumps(broken))
    await page.wait_for_selector("[data-flow-problems] .problems", timeout=10_000)
    assert "thanks" in await page.inner_text("[data-flow-problems]")
    await page.fill("[data-flow-text]", json.dumps(flow))
    await page.wait_for_selector("[data-flow-problems] .ok-text", timeout=10_000)
    await page.click("text=Save flow")
    await page.wait_for_url(f"{panel}/campaigns/{campaign.id}/flow")
    assert await page.locator('svg.flow [data-node="nudge"]').count() == 1
    await _shot(page, "flow")
