"""Foundation figures (SPEC §13) on SQLite and PostgreSQL: adding 100,000 contacts to a
campaign beside a raw bulk insert of the same rows (COPY / executemany); launch and pause
of that campaign; uncached statistics over 100,000 executions and 300,000 messages beside
the same aggregates hand-written on the raw driver; a 100,000-row CSV import."""

from __future__ import annotations

import json
import secrets
import statistics
import time
from datetime import UTC, datetime
from typing import Any

from tortoise import Tortoise, connections

from bench.databases import each_database, main
from core import campaigns
from core.contacts import import_contacts
from core.db import init_db, migrate
from core.permissions import Actor
from core.statistics import compute_statistics
from core.workspaces import ensure_user
from models import AccountStatus, TelegramAccount

FLOW = {
    "nodes": [
        {"id": "start", "type": "start"},
        {"id": "hello", "type": "send_message", "text": "Hi {{ first_name }}"},
        {"id": "end", "type": "end"},
    ],
    "edges": [{"from": "start", "to": "hello"}, {"from": "hello", "to": "end"}],
}
EXEC_COLUMNS = [
    "campaign_id",
    "contact_id",
    "account_id",
    "status",
    "next_execution_at",
    "context",
    "variant",
    "run",
    "created_at",
    "updated_at",
]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


async def _timed(coro) -> tuple[float, Any]:
    start = time.perf_counter()
    result = await coro
    return time.perf_counter() - start, result


async def _median(make, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        elapsed, _ = await _timed(make())
        times.append(elapsed)
    return statistics.median(times)


def _raw(dialect: str):
    return connections.get("default")


async def _insert_contacts(dialect: str, actor: Actor, count: int) -> list[int]:
    conn = connections.get("default")
    now = datetime.now(UTC)
    rows = [
        (
            actor.organization_id,
            actor.user_id,
            actor.workspace_key,
            10_000_000 + i,
            f"Lead{i}",
            "",
            "[]",
            "{}",
            "active",
            "manual",
            now,
            now,
        )
        for i in range(count)
    ]
    cols = [
        "organization_id",
        "created_by_id",
        "workspace",
        "telegram_id",
        "first_name",
        "last_name",
        "tags",
        "custom_fields",
        "status",
        "source",
        "created_at",
        "updated_at",
    ]
    await _bulk(dialect, "contacts", cols, rows)
    ids = await conn.execute_query_dict(
        "SELECT id FROM contacts WHERE workspace = "
        + ("?" if dialect == "sqlite" else "$1")
        + " ORDER BY id",
        [actor.workspace_key],
    )
    return [r["id"] for r in ids]


async def _bulk(dialect: str, table: str, columns: list[str], rows: list[tuple]) -> None:
    """The raw baseline: PostgreSQL COPY, SQLite executemany in one transaction."""
    conn = connections.get("default")
    if dialect == "sqlite":
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        db = conn._connection  # aiosqlite connection under Tortoise
        converted = [
            tuple(v.isoformat(sep=" ") if isinstance(v, datetime) else v for v in row)
            for row in rows
        ]
        await db.execute("BEGIN")
        await db.executemany(sql, converted)
        await db.commit()
    else:
        async with conn.acquire_connection() as raw:
            await raw.copy_records_to_table(table, records=rows, columns=columns)


async def _one_dialect(dialect: str, url: str, contacts: int) -> dict[str, Any]:
    await migrate(url)
    await init_db(url)
    try:
        user = await ensure_user(1)
        actor = Actor(user.id)
        account = await TelegramAccount.create(
            created_by_id=user.id, status=AccountStatus.CONNECTED, phone="+10000000000"
        )
        ids = await _insert_contacts(dialect, actor, contacts)
        baseline_campaign = await campaigns.create_campaign(
            actor, {"name": "baseline", "flow": FLOW}
        )
        now = datetime.now(UTC)
        context = json.dumps({"first_name": "x", "tags": [], "fields": {}})
        rows = [
            (baseline_campaign.id, cid, account.id, "pending", now, context, None, 0, now, now)
            for cid in ids
        ]
        if dialect == "postgres":  # COPY takes the jsonb column as text it parses
            rows = [r[:5] + (r[5],) + r[6:] for r in rows]
        raw_insert, _ = await _timed(_bulk(dialect, "executions", EXEC_COLUMNS, rows))

        campaign = await campaigns.create_campaign(
            actor, {"name": "bench", "flow": FLOW, "telegram_account_id": account.id}
        )
        add, change = await _timed(campaigns.add_contacts(actor, campaign.id, ids))
        assert change.added == contacts, change
        launch, _ = await _timed(campaigns.launch(actor, campaign.id))
        pause, _ = await _timed(campaigns.pause(actor, campaign.id))
        relaunch, _ = await _timed(campaigns.launch(actor, campaign.id))
        raw_pause = await _raw_status_flip(dialect, campaign.id, "pending", "paused")
        raw_resume = await _raw_status_flip(dialect, campaign.id, "paused", "pending")

        await _messages(dialect, campaign.id, ids)
        # Fresh planner statistics after the bulk loads, as autovacuum would give them.
        await connections.get("default").execute_script("ANALYZE")
        stats = await _median(lambda: compute_statistics(campaign.id))
        baseline = await _median(lambda: _hand_written_aggregates(dialect, campaign.id))

        csv_rows = ["telegram_id,first_name,username,tags"] + [
            f"{50_000_000 + i},Imp{i},user_{i:07d},a;b" for i in range(contacts)
        ]
        data = "\n".join(csv_rows).encode()
        imported, report = await _timed(import_contacts(actor, data, "bench.csv"))
        assert report.created == contacts
        workbook = _workbook(contacts)
        imported_xlsx, report = await _timed(import_contacts(actor, workbook, "bench.xlsx"))
        assert report.created == contacts
        return {
            "contacts": contacts,
            "add_contacts_ms": _ms(add),
            "raw_bulk_insert_ms": _ms(raw_insert),
            "raw_bulk_insert_method": "COPY" if dialect == "postgres" else "executemany",
            "add_contacts_vs_raw": round(add / raw_insert, 2),
            "target_add_contacts_vs_raw": 3.0,
            "launch_ms": _ms(launch),
            "pause_ms": _ms(pause),
            "relaunch_ms": _ms(relaunch),
            "raw_update_pause_ms": _ms(raw_pause),
            "raw_update_resume_ms": _ms(raw_resume),
            "target_launch_pause_ms": 1000,
            "statistics_uncached_ms": _ms(stats),
            "statistics_hand_written_ms": _ms(baseline),
            "statistics_vs_hand_written": round(stats / baseline, 2),
            "target_statistics_vs_hand_written": 2.0,
            "messages": contacts * 3,
            "import_csv_rows": contacts,
            "import_csv_s": round(imported, 2),
            "import_xlsx_s": round(imported_xlsx, 2),
            "target_import_s": 20,
        }
    finally:
        await Tortoise.close_connections()


def _workbook(rows: int) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["telegram_id", "first_name", "username", "tags", "Company"])
    for i in range(rows):
        sheet.append([70_000_000 + i, f"X{i}", f"xls_{i:07d}", "a;b", "Acme"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def _messages(dialect: str, campaign_id: int, contact_ids: list[int]) -> None:
    """Three outbound messages per execution, a mix of delivered, sent and failed."""
    conn = connections.get("default")
    mark = "?" if dialect == "sqlite" else "$1"
    executions = await conn.execute_query_dict(
        f"SELECT id, contact_id FROM executions WHERE campaign_id = {mark}", [campaign_id]
    )
    now = datetime.now(UTC)
    statuses = ("delivered", "sent", "failed")
    rows = [
        (
            e["id"],
            campaign_id,
            e["contact_id"],
            "out",
            statuses[(e["id"] + n) % 3],
            secrets.randbits(62),
            f"n{n}",
            0,
            "hello",
            now,
        )
        for e in executions
        for n in range(3)
    ]
    cols = [
        "execution_id",
        "campaign_id",
        "contact_id",
        "direction",
        "status",
        "random_id",
        "node_id",
        "attempt",
        "text",
        "created_at",
    ]
    await _bulk(dialect, "messages", cols, rows)
    await conn.execute_query(
        f"UPDATE executions SET replied_at = created_at WHERE campaign_id = {mark} AND id % 7 = 0",
        [campaign_id],
    )


async def _raw_status_flip(dialect: str, campaign_id: int, old: str, new: str) -> float:
    """The raw baseline for launch/pause: one hand-written UPDATE of the same rows."""
    conn = connections.get("default")
    sql = "UPDATE executions SET status = {} WHERE campaign_id = {} AND status = {}".format(
        *(("?1", "?2", "?3") if dialect == "sqlite" else ("$1", "$2", "$3"))
    )
    if dialect == "sqlite":
        db = conn._connection
        start = time.perf_counter()
        await db.execute(sql, [new, campaign_id, old])
        await db.commit()
        return time.perf_counter() - start
    async with conn.acquire_connection() as raw:
        start = time.perf_counter()
        await raw.execute(sql, new, campaign_id, old)
        return time.perf_counter() - start


async def _hand_written_aggregates(dialect: str, campaign_id: int) -> None:
    """What a person would write by hand for the same figures, on the raw driver."""
    conn = connections.get("default")
    mark = "?" if dialect == "sqlite" else "$1"
    if dialect == "sqlite":
        db = conn._connection
        for sql in _baseline_sql(mark):
            async with db.execute(sql, [campaign_id]) as cursor:
                await cursor.fetchall()
    else:
        async with conn.acquire_connection() as raw:
            for sql in _baseline_sql(mark):
                await raw.fetch(sql, campaign_id)


def _baseline_sql(mark: str) -> list[str]:
    return [
        f"SELECT variant, status, COUNT(*), COUNT(started_at), COUNT(replied_at) FROM executions "
        f"WHERE campaign_id = {mark} AND deleted_at IS NULL GROUP BY variant, status",
        f"SELECT variant, status, COUNT(*) FROM messages WHERE campaign_id = {mark} "
        f"AND direction = 'out' GROUP BY variant, status",
    ]


async def run(contacts: int, postgres: str | None) -> dict[str, Any]:
    return await each_database("bench.foundation", contacts, postgres)


if __name__ == "__main__":
    main(_one_dialect)
