"""The send primitive and the translation of Telegram's errors, through the sandbox's own
behaviour and its fault injection: every row of SPEC §6.4 reaches the right outcome."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.outcomes import OutcomeKind
from accounts.send import RESOLUTION_CAP, Lead, send_text
from core.clock import utcnow
from models import ResolvedPeer

from .conftest import PHONE, make_lead

pytestmark = pytest.mark.integration

ANNA = Lead(username="@Lead_Anna")


async def received(control, who: str = "@lead_anna") -> list[str]:
    return [m["text"] for m in await control("GET", f"/users/{who}/messages?direction=in")]


async def test_send_then_the_same_random_id_is_a_duplicate(
    control, connected, runner_client
) -> None:
    anna = await make_lead(control)
    first = await send_text(runner_client, connected.id, ANNA, "Hello Anna", 2**64 - 5)
    assert first.kind is OutcomeKind.SENT and first.ok
    assert first.message_id and first.telegram_user_id == anna["id"]
    peer = await ResolvedPeer.get(account_id=connected.id, telegram_user_id=anna["id"])
    assert peer.via_username and peer.username_key == "lead_anna"

    # After a crash the step is retried with the same random_id: Telegram recognises it.
    again = await send_text(
        runner_client, connected.id, Lead(telegram_user_id=anna["id"]), "Hello Anna", 2**64 - 5
    )
    assert again.kind is OutcomeKind.DUPLICATE and again.ok
    assert await received(control) == ["Hello Anna"]
    # By id, the cached access hash was used: no second resolution was counted.
    assert await ResolvedPeer.filter(account_id=connected.id).count() == 1


async def test_username_resolution_cap(control, connected, runner_client) -> None:
    await make_lead(control)
    await make_lead(control, "lead_bob")
    bob = Lead(username="lead_bob")
    assert (await send_text(runner_client, connected.id, bob, "hi Bob", 1)).kind is OutcomeKind.SENT
    now = utcnow()
    await ResolvedPeer.bulk_create(
        [
            ResolvedPeer(
                account_id=connected.id,
                telegram_user_id=10_000 + i,
                access_hash=i,
                username_key=f"lead_{i}",
                via_username=True,
                resolved_at=now - timedelta(hours=23) + timedelta(seconds=i),
            )
            for i in range(RESOLUTION_CAP - 1)
        ]
    )
    capped = await send_text(runner_client, connected.id, ANNA, "hi", 2)
    assert capped.kind is OutcomeKind.CAPPED and "150 usernames" in capped.reason
    assert 3500 < capped.seconds <= 3602  # the oldest resolution turns 24 h old in an hour
    # A lead resolved before is no new resolution: still reachable at the cap.
    assert (await send_text(runner_client, connected.id, bob, "again", 3)).kind is OutcomeKind.SENT
    # Resolutions older than a day no longer count.
    await ResolvedPeer.filter(account_id=connected.id).update(resolved_at=now - timedelta(days=2))
    assert (await send_text(runner_client, connected.id, ANNA, "hi", 4)).kind is OutcomeKind.SENT


async def test_flood_wait_parks(control, connected, runner_client) -> None:
    await make_lead(control)
    await control("POST", "/faults/flood-wait", {"seconds": 42, "user": PHONE})
    outcome = await send_text(runner_client, connected.id, ANNA, "one", 1)
    assert (outcome.kind, outcome.seconds) == (OutcomeKind.PARKED, 42)
    assert outcome.account_problem and not outcome.ok


async def test_peer_flood_limits(control, connected, runner_client) -> None:
    await make_lead(control)
    await control("POST", "/faults/peer-flood", {"user": PHONE})
    outcome = await send_text(runner_client, connected.id, ANNA, "two", 1)
    assert outcome.kind is OutcomeKind.LIMITED and outcome.seconds == 24 * 3600


@pytest.mark.parametrize(
    ("setup", "lead", "reason"),
    [
        ({"privacy": "nobody"}, ANNA, "privacy"),
        ("USER_NOT_MUTUAL_CONTACT", ANNA, "mutual contacts"),
        (None, Lead(username="nobody_here"), "No Telegram user has this username"),
        (None, Lead(username="x!"), "not a valid Telegram username"),
        ({"bot": True}, ANNA, "is a bot"),
        ("USER_IS_BOT", ANNA, "is a bot"),
        ("YOU_BLOCKED_USER", ANNA, "This account blocked the lead"),
    ],
    ids=[
        "privacy",
        "not-mutual",
        "username-unknown",
        "username-invalid",
        "bot",
        "bot-error",
        "we-blocked",
    ],
)
async def test_unreachable_leads(control, connected, runner_client, setup, lead, reason) -> None:
    await make_lead(control, **(setup if isinstance(setup, dict) else {}))
    if isinstance(setup, str):
        await control("POST", "/faults/rpc-error", {"error": setup, "code": 400, "user": PHONE})
    outcome = await send_text(runner_client, connected.id, lead, "hello", 1)
    assert outcome.kind is OutcomeKind.UNREACHABLE, outcome
    assert reason in outcome.reason
    assert await received(control) == []


async def test_deactivated_and_blocking_leads(control, connected, runner_client) -> None:
    anna = await make_lead(control)
    await make_lead(control, "blocking_bo", persona={"block": True})
    assert (await send_text(runner_client, connected.id, ANNA, "hi", 1)).kind is OutcomeKind.SENT
    await control("PATCH", f"/users/{anna['id']}", {"deactivated": True})
    gone = await send_text(runner_client, connected.id, ANNA, "hi again", 2)
    assert gone.kind is OutcomeKind.UNREACHABLE and "deleted" in gone.reason

    bo = Lead(username="blocking_bo")
    assert (await send_text(runner_client, connected.id, bo, "hi", 3)).kind is OutcomeKind.SENT
    blocked = await send_text(runner_client, connected.id, bo, "hi again", 4)
    assert blocked.kind is OutcomeKind.UNREACHABLE and "blocked this account" in blocked.reason


async def test_stale_access_hash(control, connected, runner_client) -> None:
    anna = await make_lead(control)
    await ResolvedPeer.create(
        account_id=connected.id, telegram_user_id=anna["id"], access_hash=123, username_key=None
    )
    by_id = await send_text(runner_client, connected.id, Lead(anna["id"]), "hi", 1)
    assert by_id.kind is OutcomeKind.UNREACHABLE and by_id.error == "PEER_ID_INVALID"
    assert not await ResolvedPeer.exists(account_id=connected.id)  # the bad hash is forgotten
    await ResolvedPeer.create(
        account_id=connected.id, telegram_user_id=anna["id"], access_hash=123, username_key=None
    )
    # With the username known, the lead is resolved afresh and the message goes out.
    both = Lead(anna["id"], "lead_anna")
    assert (await send_text(runner_client, connected.id, both, "hi", 2)).kind is OutcomeKind.SENT
    assert await received(control) == ["hi"]


@pytest.mark.parametrize(
    "error",
    ["AUTH_KEY_UNREGISTERED", "SESSION_REVOKED", "USER_DEACTIVATED_BAN", "AUTH_KEY_DUPLICATED"],
)
async def test_lost_sessions(control, connected, runner_client, error) -> None:
    await make_lead(control)
    assert (await send_text(runner_client, connected.id, ANNA, "before", 1)).ok
    assert (await control("POST", f"/users/{PHONE}/revoke", {"error": error}))["revoked"] >= 1
    outcome = await send_text(runner_client, connected.id, ANNA, "after", 2)
    assert outcome.kind is OutcomeKind.LOST and outcome.error == error
    assert outcome.account_problem


async def test_server_error_is_transient(control, connected, runner_client) -> None:
    await make_lead(control)
    await control("POST", "/faults/rpc-error", {"error": "RPC_CALL_FAIL", "code": 500, "count": 2})
    outcome = await send_text(runner_client, connected.id, ANNA, "hi", 1)
    assert outcome.kind is OutcomeKind.TRANSIENT
    assert await received(control) == []


async def test_network_down_is_transient(control, connected, runner_client) -> None:
    anna = await make_lead(control)
    assert (await send_text(runner_client, connected.id, ANNA, "hi", 1)).ok
    await control("POST", "/faults/drop", {"user": PHONE, "down_for": 3})
    lead = Lead(anna["id"])
    outcome = await send_text(runner_client, connected.id, lead, "hi again", 2, give_up_after=0.5)
    assert outcome.kind is OutcomeKind.TRANSIENT, outcome
