"""Log exports: CSV, JSON and NDJSON, streamed batch by batch, with the filters applied."""

from __future__ import annotations

import csv
import io
import json

import pytest

from core import logs
from core.workspaces import actor_for
from models import ExecutionLog
from tests import factories
from tests.integration.panel.conftest import sign_in, token_headers


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(logs, "EXPORT_BATCH", 7)


async def _campaign_with_logs(count: int = 30):
    user = await factories.user()
    actor = await actor_for(user, None)
    campaign = await factories.ready_campaign(actor, leads=1)
    execution = (await campaign.executions.all())[0]
    rows = [
        ExecutionLog(
            campaign_id=campaign.id,
            execution_id=execution.id,
            contact_id=execution.contact_id,
            node_id="hello",
            node_type="send_message" if i % 2 else "delay",
            kind="message_sent",
            status="ok" if i % 3 else "error",
            message_text=f'line {i}, "quoted"\nsecond line, =SUM(A1)' if i == 5 else f"text {i}",
        )
        for i in range(count)
    ]
    await ExecutionLog.bulk_create(rows)
    return user, campaign, execution


async def test_csv_json_ndjson_hold_the_same_rows(client, small_batches):
    user, campaign, _ = await _campaign_with_logs()
    headers = await token_headers(user)
    base = f"/api/v1/campaign-flows/{campaign.id}/logs?format="
    total = await ExecutionLog.filter(campaign_id=campaign.id).count()

    response = await client.get(base + "csv", headers=headers)
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    assert "Content-Length" not in response.headers  # streamed
    text = (await response.read()).decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == total
    assert list(table[0]) == list(logs.EXPORT_COLUMNS)
    tricky = next(r for r in table if "quoted" in r["message_text"])
    assert tricky["message_text"] == 'line 5, "quoted"\nsecond line, =SUM(A1)'

    array = await (await client.get(base + "json", headers=headers)).json(content_type=None)
    assert [r["id"] for r in array] == sorted(r["id"] for r in array)
    assert len(array) == total

    lines = (await (await client.get(base + "ndjson", headers=headers)).text()).splitlines()
    parsed = [json.loads(line) for line in lines]
    assert parsed == array
    assert [int(r["id"]) for r in table] == [r["id"] for r in array]


async def test_export_applies_filters_and_search(client, small_batches):
    user, campaign, execution = await _campaign_with_logs()
    headers = await token_headers(user)
    base = f"/api/v1/campaign-flows/{campaign.id}/logs?format=ndjson"
    delays = await (await client.get(base + "&node_type=delay", headers=headers)).text()
    rows = [json.loads(x) for x in delays.splitlines()]
    assert rows and all(r["node_type"] == "delay" for r in rows) and len(rows) == 15
    errors = await (await client.get(base + "&status=error", headers=headers)).text()
    assert len(errors.splitlines()) == 10
    found = await (await client.get(base + "&q=QUOTED", headers=headers)).text()
    assert len(found.splitlines()) == 1
    by_contact = await (await client.get(base + "&q=lead", headers=headers)).text()
    assert len(by_contact.splitlines()) == 30  # the contact's name matches every row
    by_execution = await client.get(base + f"&execution_id={execution.id}", headers=headers)
    assert len((await by_execution.text()).splitlines()) == 30
    future = await client.get(base + "&date_from=2999-01-01", headers=headers)
    assert await future.text() == ""
    empty_json = await client.get(
        f"/api/v1/campaign-flows/{campaign.id}/logs?format=json&date_from=2999-01-01",
        headers=headers,
    )
    assert await empty_json.json(content_type=None) == []


async def test_csv_cells_never_become_formulas():
    rows = [
        {c: None for c in logs.EXPORT_COLUMNS}
        | {"first_name": "@x", "last_name": "", "username": None, "message_text": "=HYPERLINK(1)"}
    ]

    async def batches():
        yield rows

    chunks = [c async for c in logs.export_chunks(batches(), "csv")]
    text = b"".join(chunks).decode()
    assert "'=HYPERLINK(1)" in text and "'@x" in text


async def test_panel_export_link_streams_too(client):
    user, campaign, _ = await _campaign_with_logs(5)
    await sign_in(client, user)
    page = await (await client.get(f"/campaigns/{campaign.id}/logs")).text()
    assert f"/campaigns/{campaign.id}/logs/export?format=csv" in page
    response = await client.get(f"/campaigns/{campaign.id}/logs/export?format=ndjson")
    assert response.status == 200
    assert len((await response.text()).splitlines()) == 7  # 5 + created + added
    bad = await client.get(f"/campaigns/{campaign.id}/logs/export?format=pdf")
    assert bad.status == 422
