"""Campaign statistics (SPEC §8): aggregated by the database, cached per campaign for
five minutes, refreshed on demand and after lifecycle actions."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from core.clock import utcnow
from core.db import connection, placeholders
from core.variants import two_proportion_test
from models import CampaignStatistics, ExecutionStatus
from models.enums import UNFINISHED

CACHE_TTL = timedelta(minutes=5)
ACTIVITY_KINDS = ("message_sent", "response_detected", "delivery_confirmed", "campaign_activity")
E = ExecutionStatus


def rate(numerator: int, denominator: int) -> float:
    """A percentage rounded to one decimal; 0 when there is nothing to divide by."""
    return round(numerator * 100 / denominator, 1) if denominator else 0.0


def _execution_sql(m: list[str]) -> str:
    return f"""
        SELECT variant, status, COUNT(*) AS n,
            SUM(CASE WHEN started_at IS NOT NULL THEN 1 ELSE 0 END) AS started,
            SUM(CASE WHEN replied_at IS NOT NULL THEN 1 ELSE 0 END) AS responded
        FROM executions WHERE campaign_id = {m[0]} AND deleted_at IS NULL
        GROUP BY variant, status
    """


def _message_sql(m: list[str]) -> str:
    return f"""
        SELECT variant, status, COUNT(*) AS n FROM messages
        WHERE campaign_id = {m[0]} AND direction = 'out'
        GROUP BY variant, status
    """


def _removed_message_sql(m: list[str]) -> str:
    # Removed leads' messages stop counting with them; they are few, so they are subtracted
    # rather than joining every message to its execution.
    return f"""
        SELECT m.variant AS variant, m.status AS status, COUNT(*) AS n
        FROM executions e JOIN messages m ON m.execution_id = e.id
        WHERE e.campaign_id = {m[0]} AND e.deleted_at IS NOT NULL AND m.direction = 'out'
        GROUP BY m.variant, m.status
    """


def _funnel_sql(m: list[str]) -> str:
    return f"""
        SELECT l.node_id AS node_id, l.node_type AS node_type,
            COUNT(DISTINCT l.execution_id) AS n
        FROM execution_logs l JOIN executions e ON e.id = l.execution_id
        WHERE l.campaign_id = {m[0]} AND l.node_id IS NOT NULL AND e.deleted_at IS NULL
        GROUP BY l.node_id, l.node_type
    """


def _activity_sql(m: list[str]) -> str:
    kinds = ", ".join(f"'{k}'" for k in ACTIVITY_KINDS)
    return f"""
        SELECT l.id AS id, l.kind AS kind, l.status AS status, l.node_id AS node_id,
            l.message_text AS message_text, l.error AS error, l.executed_at AS executed_at,
            l.execution_id AS execution_id, c.first_name AS first_name,
            c.last_name AS last_name, c.username AS username
        FROM execution_logs l LEFT JOIN contacts c ON c.id = l.contact_id
        WHERE l.campaign_id = {m[0]} AND l.kind IN ({kinds})
        ORDER BY l.executed_at DESC, l.id DESC LIMIT 20
    """


def _blank_counts() -> dict[str, int]:
    return {"total": 0, "started": 0, "responded": 0, "sent": 0, "delivered": 0, "failed": 0}


async def compute_statistics(campaign_id: int) -> dict[str, Any]:
    """Fresh figures straight from the database (no cache)."""
    conn = connection()
    m = placeholders(1)
    exec_rows = await conn.execute_query_dict(_execution_sql(m), [campaign_id])
    msg_rows = await conn.execute_query_dict(_message_sql(m), [campaign_id])
    removed_rows = await conn.execute_query_dict(_removed_message_sql(m), [campaign_id])
    funnel_rows = await conn.execute_query_dict(_funnel_sql(m), [campaign_id])
    activity_rows = await conn.execute_query_dict(_activity_sql(m), [campaign_id])

    breakdown = {s.value: 0 for s in E}
    variants: dict[str, dict[str, int]] = defaultdict(_blank_counts)
    started = responded = 0
    for row in exec_rows:
        n = int(row["n"])
        breakdown[row["status"]] = breakdown.get(row["status"], 0) + n
        started += int(row["started"] or 0)
        responded += int(row["responded"] or 0)
        if row["variant"] is not None:
            v = variants[row["variant"]]
            v["total"] += n
            v["started"] += int(row["started"] or 0)
            v["responded"] += int(row["responded"] or 0)

    sent = delivered = failed = not_sent = 0
    removed = [{**r, "n": -int(r["n"])} for r in removed_rows]
    for row in [*msg_rows, *removed]:
        n, status = int(row["n"]), row["status"]
        v = variants[row["variant"]] if row["variant"] is not None else _blank_counts()
        if status in ("sent", "delivered"):
            sent += n
            v["sent"] += n
        if status == "delivered":
            delivered += n
            v["delivered"] += n
        elif status == "failed":
            failed += n
            v["failed"] += n
        elif status == "sending":
            not_sent += n

    total = sum(breakdown.values())
    completed = breakdown[E.COMPLETED] + breakdown[E.RESPONDED]
    stats: dict[str, Any] = {
        "campaign_id": campaign_id,
        "total_contacts": total,
        "contacts_started": started,
        "contacts_completed": completed,
        "contacts_failed": breakdown[E.FAILED],
        "contacts_active": breakdown[E.PENDING] + breakdown[E.RUNNING] + breakdown[E.WAITING],
        "contacts_paused": breakdown[E.PAUSED],
        "contacts_unfinished": sum(breakdown[s] for s in UNFINISHED),
        "contacts_responded": responded,
        "execution_breakdown": breakdown,
        "messages_sent": sent,
        "messages_delivered": delivered,
        "messages_failed": failed,
        "messages_not_sent": not_sent,
        "completion_rate": rate(completed, total),
        "response_rate": rate(responded, delivered),
        "delivery_rate": rate(delivered, sent),
        "variants": _variant_figures(variants),
        "ab_test": _ab_test(variants),
        "funnel": sorted(
            (
                {"node_id": r["node_id"], "node_type": r["node_type"], "reached": int(r["n"])}
                for r in funnel_rows
            ),
            key=lambda f: (-f["reached"], f["node_id"]),
        ),
        "recent_activities": [_activity(r) for r in activity_rows],
        "computed_at": utcnow().isoformat(),
    }
    return stats


def _variant_figures(variants: dict[str, dict[str, int]]) -> dict[str, dict[str, Any]]:
    return {
        name: {
            **counts,
            "response_rate": rate(counts["responded"], counts["delivered"]),
            "delivery_rate": rate(counts["delivered"], counts["sent"]),
        }
        for name, counts in sorted(variants.items())
    }


def _ab_test(variants: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Each variant's response rate against the first variant's (the control)."""
    names = sorted(variants)
    if len(names) < 2:
        return []
    control = variants[names[0]]
    out = []
    for name in names[1:]:
        other = variants[name]
        result = two_proportion_test(
            control["responded"], control["delivered"], other["responded"], other["delivered"]
        )
        out.append({"control": names[0], "variant": name, **result})
    return out


def _activity(row: dict[str, Any]) -> dict[str, Any]:
    when = row["executed_at"]
    if isinstance(when, str):  # SQLite hands raw timestamps back as text
        when = datetime.fromisoformat(when)
    name = " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p) or (
        row.get("username") or ""
    )
    return {
        "id": row["id"],
        "kind": row["kind"],
        "status": row["status"],
        "node_id": row["node_id"],
        "execution_id": row["execution_id"],
        "contact": name,
        "message_text": row["message_text"],
        "error": row["error"],
        "executed_at": when.isoformat(),
    }


async def get_campaign_statistics(
    campaign_id: int, *, refresh: bool = False, now: datetime | None = None
) -> dict[str, Any]:
    """Cached figures, recomputed when older than five minutes or when asked."""
    now = now or utcnow()
    if not refresh:
        cached = await CampaignStatistics.get_or_none(campaign_id=campaign_id)
        if cached is not None and now - cached.computed_at < CACHE_TTL:
            return {
                **cached.data,
                "cache_age_seconds": int((now - cached.computed_at).total_seconds()),
            }
    data = await compute_statistics(campaign_id)
    await CampaignStatistics.update_or_create(
        defaults={"data": data, "computed_at": now}, campaign_id=campaign_id
    )
    return {**data, "cache_age_seconds": 0}
