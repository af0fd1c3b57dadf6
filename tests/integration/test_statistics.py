"""Statistics on a hand-built campaign whose every figure can be checked by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import campaigns as cm
from core.clock import utcnow
from core.permissions import Actor
from core.statistics import get_campaign_statistics, rate
from models import Execution, ExecutionLog, Message, MessageDirection
from tests import factories as f

pytestmark = pytest.mark.integration
OUT, IN = MessageDirection.OUTBOUND, MessageDirection.INBOUND

# (variant, status, started, replied, deleted) per execution; e7 is a removed lead.
EXECUTIONS = [
    ("A", "completed", True, False, False),  # e1
    ("A", "responded", True, True, False),  # e2
    ("A", "failed", True, False, False),  # e3
    ("B", "waiting", True, False, False),  # e4
    ("B", "pending", False, False, False),  # e5
    ("B", "paused", True, True, False),  # e6
    ("A", "completed", True, True, True),  # e7 (soft-deleted: never counted)
]
# (execution index, direction, status)
MESSAGES = [
    (0, OUT, "delivered"),
    (1, OUT, "delivered"),
    (1, OUT, "sent"),
    (1, IN, "received"),
    (2, OUT, "failed"),
    (3, OUT, "delivered"),
    (5, OUT, "delivered"),
    (4, OUT, "sending"),
    (6, OUT, "delivered"),
]


@pytest.fixture
async def built(db):
    me = Actor((await f.user()).id)
    c = await f.ready_campaign(me, leads=7, ab_variants={"A": 50, "B": 50}, flow=None)
    rows = await Execution.filter(campaign_id=c.id).order_by("id")
    now = utcnow()
    for row, (variant, status, started, replied, deleted) in zip(rows, EXECUTIONS, strict=True):
        await Execution.filter(id=row.id).update(
            variant=variant,
            status=status,
            started_at=now if started else None,
            replied_at=now if replied else None,
            deleted_at=now if deleted else None,
        )
    for n, (index, direction, status) in enumerate(MESSAGES):
        e = rows[index]
        await Message.create(
            execution_id=e.id,
            campaign_id=c.id,
            contact_id=e.contact_id,
            direction=direction,
            status=status,
            variant=EXECUTIONS[index][0],
            node_id="hello",
            attempt=n,
        )
    for index in (0, 1, 6):
        for node in ("start", "hello"):
            await ExecutionLog.create(
                campaign_id=c.id,
                execution_id=rows[index].id,
                node_id=node,
                node_type=node,
                kind="node_run",
            )
    return me, c


async def test_hand_built_figures(built):
    _, c = built
    s = await get_campaign_statistics(c.id, refresh=True)
    assert s["total_contacts"] == 6
    assert s["execution_breakdown"] == {
        "pending": 1,
        "running": 0,
        "waiting": 1,
        "paused": 1,
        "completed": 1,
        "responded": 1,
        "failed": 1,
        "cancelled": 0,
    }
    assert (s["contacts_started"], s["contacts_completed"], s["contacts_failed"]) == (5, 2, 1)
    assert (s["contacts_active"], s["contacts_responded"]) == (2, 2)
    assert (
        s["messages_sent"],
        s["messages_delivered"],
        s["messages_failed"],
        s["messages_not_sent"],
    ) == (5, 4, 1, 1)
    assert s["completion_rate"] == 33.3  # 2 / 6
    assert s["response_rate"] == 50.0  # 2 / 4
    assert s["delivery_rate"] == 80.0  # 4 / 5
    assert s["variants"]["A"] == {
        "total": 3,
        "started": 3,
        "responded": 1,
        "sent": 3,
        "delivered": 2,
        "failed": 1,
        "response_rate": 50.0,
        "delivery_rate": 66.7,
    }
    assert s["variants"]["B"] == {
        "total": 3,
        "started": 2,
        "responded": 1,
        "sent": 2,
        "delivered": 2,
        "failed": 0,
        "response_rate": 50.0,
        "delivery_rate": 100.0,
    }
    [test] = s["ab_test"]
    assert (test["control"], test["variant"], test["significant"]) == ("A", "B", False)
    assert {(f["node_id"], f["reached"]) for f in s["funnel"]} == {("start", 2), ("hello", 2)}


async def test_zero_denominators_give_zero(db):
    me = Actor((await f.user()).id)
    c = await f.campaign(me)
    s = await get_campaign_statistics(c.id)
    assert (s["completion_rate"], s["response_rate"], s["delivery_rate"]) == (0.0, 0.0, 0.0)
    assert s["total_contacts"] == 0 and s["variants"] == {} and s["ab_test"] == []
    assert rate(1, 3) == 33.3 and rate(2, 3) == 66.7 and rate(5, 0) == 0.0


async def test_cache_for_five_minutes_and_refresh(built):
    _, c = built
    first = await get_campaign_statistics(c.id, refresh=True)
    await Execution.filter(campaign_id=c.id, status="pending").update(status="failed")
    cached = await get_campaign_statistics(c.id)
    assert cached["contacts_failed"] == first["contacts_failed"] == 1
    fresh = await get_campaign_statistics(c.id, refresh=True)
    assert fresh["contacts_failed"] == 2
    await Execution.filter(campaign_id=c.id, status="waiting").update(status="failed")
    later = utcnow() + timedelta(minutes=5, seconds=1)
    assert (await get_campaign_statistics(c.id, now=later))["contacts_failed"] == 3


async def test_lifecycle_actions_refresh_the_figures(db):
    me = Actor((await f.user()).id)
    c = await f.ready_campaign(me, leads=2)
    assert (await get_campaign_statistics(c.id))["total_contacts"] == 2
    await cm.add_contacts(me, c.id, [p.id for p in await f.contacts(me, 1)])
    assert (await get_campaign_statistics(c.id))["total_contacts"] == 3
    await cm.launch(me, c.id)
    await cm.pause(me, c.id)
    assert (await get_campaign_statistics(c.id))["contacts_paused"] == 3


async def test_recent_activities_newest_first_and_only_the_listed_kinds(db):
    me = Actor((await f.user()).id)
    c = await f.ready_campaign(me, leads=1)
    for i in range(25):
        await ExecutionLog.create(campaign_id=c.id, kind="message_sent", message_text=f"m{i}")
    await ExecutionLog.create(campaign_id=c.id, kind="node_run", message_text="hidden")
    s = await get_campaign_statistics(c.id, refresh=True)
    texts = [a["message_text"] for a in s["recent_activities"]]
    assert len(texts) == 20 and texts[0] == "m24" and "hidden" not in texts
