"""Panel figures (SPEC §13) on SQLite and PostgreSQL: page p95 for the campaign list with
10,000 campaigns in the workspace and for a 100,000-lead campaign's pages; a
1,000,000-row log export streamed through the API, its rate and the memory it adds,
beside a raw read of the same rows on the driver."""

from __future__ import annotations

import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from tortoise import Tortoise, connections

from bench.databases import each_database, main
from bench.foundation import FLOW, _bulk, _insert_contacts
from core import campaigns
from core.credentials import create_api_token, create_signin_token
from core.db import init_db, migrate
from core.permissions import Actor
from core.settings import load_settings
from core.workspaces import ensure_user
from models import AccountStatus, TelegramAccount
from panel.app import init_app

CAMPAIGNS = 10_000
PAGE_RUNS = 40


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return _ms(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))])


def _rss_kib() -> int:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * 4


async def _seed_campaigns(dialect: str, user_id: int, count: int) -> None:
    now = datetime.now(UTC)
    flow = json.dumps(FLOW)
    window = json.dumps({"days": ["mon"], "start": "00:00", "end": "24:00"})
    statuses = ("draft", "active", "paused", "completed", "cancelled")
    rows = [
        (
            user_id,
            f"Campaign {i}",
            "",
            "UTC",
            "immediate",
            flow,
            "{}",
            "stop",
            window,
            statuses[i % 5],
            True,
            0,
            now,
            now,
        )
        for i in range(count)
    ]
    cols = [
        "created_by_id",
        "name",
        "description",
        "timezone",
        "start_type",
        "flow",
        "ab_variants",
        "response_handling",
        "send_window",
        "status",
        "enabled",
        "consecutive_failures",
        "created_at",
        "updated_at",
    ]
    await _bulk(dialect, "campaigns", cols, rows)


async def _seed_logs(dialect: str, campaign_id: int, rows_wanted: int) -> None:
    conn = connections.get("default")
    mark = "?" if dialect == "sqlite" else "$1"
    executions = await conn.execute_query_dict(
        f"SELECT id, contact_id FROM executions WHERE campaign_id = {mark} ORDER BY id",
        [campaign_id],
    )
    now = datetime.now(UTC)
    cols = [
        "campaign_id",
        "execution_id",
        "contact_id",
        "node_id",
        "node_type",
        "kind",
        "status",
        "message_text",
        "executed_at",
    ]
    chunk: list[tuple] = []
    for i in range(rows_wanted):
        e = executions[i % len(executions)]
        chunk.append(
            (
                campaign_id,
                e["id"],
                e["contact_id"],
                "hello",
                "send_message",
                "message_sent",
                "ok",
                f"Hi Lead, this is message {i}",
                now + timedelta(milliseconds=i),  # each step at its own time, as in life
            )
        )
        if len(chunk) == 100_000:
            await _bulk(dialect, "execution_logs", cols, chunk)
            chunk = []
    if chunk:
        await _bulk(dialect, "execution_logs", cols, chunk)


async def _timed_get(client: TestClient, path: str, runs: int, **kwargs: Any) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = await client.get(path, **kwargs)
        await response.read()
        assert response.status == 200, (path, response.status)
        samples.append(time.perf_counter() - start)
    return samples


async def _raw_read(dialect: str, campaign_id: int) -> tuple[int, float]:
    """The baseline: every log row read on the raw driver, nothing encoded."""
    conn = connections.get("default")
    start = time.perf_counter()
    count = 0
    if dialect == "sqlite":
        db = conn._connection  # aiosqlite connection under Tortoise
        async with db.execute(
            "SELECT * FROM execution_logs WHERE campaign_id = ?", [campaign_id]
        ) as cursor:
            while rows := await cursor.fetchmany(5000):
                count += len(rows)
    else:
        async with conn.acquire_connection() as raw, raw.transaction():
            async for _ in raw.cursor(
                "SELECT * FROM execution_logs WHERE campaign_id = $1", campaign_id, prefetch=5000
            ):
                count += 1
    return count, time.perf_counter() - start


async def _one_dialect(dialect: str, url: str, contacts: int) -> dict[str, Any]:
    await migrate(url)
    await init_db(url)
    out: dict[str, Any] = {}
    try:
        user = await ensure_user(1, "Bench")
        actor = Actor(user.id)
        await _seed_campaigns(dialect, user.id, CAMPAIGNS)
        account = await TelegramAccount.create(
            created_by_id=user.id, phone="+15550000001", status=AccountStatus.CONNECTED
        )
        big = await campaigns.create_campaign(
            actor, {"name": "Big", "flow": FLOW, "telegram_account_id": account.id}
        )
        ids = await _insert_contacts(dialect, actor, contacts)
        await campaigns.add_contacts(actor, big.id, ids)
        log_rows = contacts * 10
        started = time.perf_counter()
        await _seed_logs(dialect, big.id, log_rows)
        out["seed_seconds"] = round(time.perf_counter() - started, 1)

        settings = load_settings(
            database_url=url, secret_key="bench", data_dir=tempfile.gettempdir()
        )
        async with TestClient(TestServer(init_app(settings, manage_database=False))) as client:
            token = await create_signin_token(user)
            await client.post(f"/signin/{token}")
            secret, _ = await create_api_token(user)
            pages = {
                "campaign_list": "/campaigns",
                "campaign_list_search": "/campaigns?q=Campaign%2099&status=active",
                "campaign_list_page_200": "/campaigns?page=200",
                "campaign_overview": f"/campaigns/{big.id}",
                "campaign_contacts": f"/campaigns/{big.id}/contacts",
                "campaign_contacts_page_1000": f"/campaigns/{big.id}/contacts?page=1000",
                "campaign_statistics": f"/campaigns/{big.id}/statistics",
                "campaign_logs": f"/campaigns/{big.id}/logs",
                "campaign_flow": f"/campaigns/{big.id}/flow",
                "campaign_diagnose": f"/campaigns/{big.id}/diagnose",
            }
            p95 = {}
            for name, path in pages.items():
                await _timed_get(client, path, 2)  # warm (statistics cache, page cache)
                p95[name] = _p95(await _timed_get(client, path, PAGE_RUNS))
            out["page_p95_ms"] = p95
            api = await _timed_get(
                client,
                "/api/v1/campaign-flows?per_page=100",
                PAGE_RUNS,
                headers={"Authorization": f"Bearer {secret}"},
            )
            out["api_list_100_p95_ms"] = _p95(api)

            before = _rss_kib()
            peak = before
            rows = 0
            start = time.perf_counter()
            response = await client.get(
                f"/api/v1/campaign-flows/{big.id}/logs?format=csv",
                headers={"Authorization": f"Bearer {secret}"},
            )
            async for chunk in response.content.iter_chunked(1 << 16):
                rows += chunk.count(b"\n")
                peak = max(peak, _rss_kib())
            elapsed = time.perf_counter() - start
            out["export_csv"] = {
                "rows": rows - 1,
                "seconds": round(elapsed, 2),
                "rows_per_second": round((rows - 1) / elapsed),
                "rss_before_mib": round(before / 1024, 1),
                "rss_growth_mib": round((peak - before) / 1024, 1),
            }
        raw_rows, raw_seconds = await _raw_read(dialect, big.id)
        out["raw_read_baseline"] = {
            "rows": raw_rows,
            "seconds": round(raw_seconds, 2),
            "rows_per_second": round(raw_rows / raw_seconds) if raw_seconds else None,
        }
        out["campaigns"] = CAMPAIGNS + 1
        out["leads"] = contacts
        out["log_rows"] = log_rows
    finally:
        await Tortoise.close_connections()
    return out


async def run(contacts: int, postgres: str | None) -> dict[str, Any]:
    return await each_database("bench.panel", contacts, postgres)


if __name__ == "__main__":
    main(_one_dialect)
