"""Every transition of SPEC §3 against a real database: allowed ones and their effects on
executions, refused ones with their error kind."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import campaigns as cm
from core.clock import utcnow
from core.errors import Conflict, Forbidden, Invalid, NotFound
from core.flows import FlowInvalid
from core.permissions import Actor
from models import (
    AccountStatus,
    Campaign,
    Execution,
    Role,
    TelegramAccount,
)
from models import (
    CampaignStatus as S,
)
from models import (
    ExecutionStatus as E,
)
from tests import factories as f

pytestmark = pytest.mark.integration


@pytest.fixture
async def me(db) -> Actor:
    return Actor((await f.user()).id)


async def statuses(campaign_id: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in await Execution.filter(campaign_id=campaign_id, deleted_at=None):
        out[e.status.value] = out.get(e.status.value, 0) + 1
    return out


async def set_status(campaign_id: int, status: S) -> None:
    await Campaign.filter(id=campaign_id).update(status=status)


# ------------------------------------------------------------------ create / edit


async def test_create_validates_every_field(me):
    with pytest.raises(Invalid, match="needs a name"):
        await cm.create_campaign(me, {"name": "  "})
    with pytest.raises(Invalid, match="longer than 200"):
        await cm.create_campaign(me, {"name": "x" * 201})
    with pytest.raises(Invalid, match="Unknown timezone"):
        await cm.create_campaign(me, {"name": "a", "timezone": "Mars/Olympus"})
    with pytest.raises(Invalid, match="Unknown field"):
        await cm.create_campaign(me, {"name": "a", "status": "active"})
    with pytest.raises(Invalid, match="scheduled_start_at"):
        await cm.create_campaign(me, {"name": "a", "start_type": "scheduled"})
    with pytest.raises(Invalid, match="end after it starts"):
        await cm.create_campaign(
            me, {"name": "a", "send_window": {"start": "18:00", "end": "09:00"}}
        )
    bad_flow = {
        "nodes": [{"id": "s", "type": "start"}, {"id": "w", "type": "wait_for_reply"}],
        "edges": [{"from": "s", "to": "w"}],
    }
    with pytest.raises(FlowInvalid) as info:
        await cm.create_campaign(me, {"name": "a", "flow": bad_flow})
    assert any(p.node_id == "w" for p in info.value.problems)
    assert await Campaign.all().count() == 0

    c = await cm.create_campaign(me, {"name": " Spring ", "flow": f.SIMPLE_FLOW})
    assert (c.name, c.status, c.enabled, c.timezone) == ("Spring", S.DRAFT, True, "UTC")
    assert c.send_window["days"] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@pytest.mark.parametrize("status", [S.DRAFT, S.PAUSED, S.SCHEDULED])
async def test_flow_edit_allowed(me, status):
    c = await f.campaign(me)
    await set_status(c.id, status)
    new_flow = {
        **f.SIMPLE_FLOW,
        "nodes": [
            *f.SIMPLE_FLOW["nodes"][:1],
            {"id": "hello", "type": "send_message", "text": "Changed"},
            f.SIMPLE_FLOW["nodes"][2],
        ],
    }
    edited = await cm.edit_campaign(me, c.id, {"flow": new_flow})
    assert edited.flow["nodes"][1]["text"] == "Changed"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (S.ACTIVE, "pause the campaign first"),
        (S.COMPLETED, "historical"),
        (S.CANCELLED, "historical"),
    ],
)
async def test_flow_edit_refused(me, status, message):
    c = await f.campaign(me)
    await set_status(c.id, status)
    with pytest.raises(Conflict, match=message):
        await cm.edit_campaign(me, c.id, {"flow": f.SIMPLE_FLOW})


async def test_invalid_flow_is_not_saved(me):
    c = await f.campaign(me)
    with pytest.raises(FlowInvalid):
        await cm.edit_campaign(me, c.id, {"flow": {"nodes": [], "edges": []}})
    assert (await Campaign.get(id=c.id)).flow == f.SIMPLE_FLOW


@pytest.mark.parametrize("status", list(S))
async def test_metadata_edit_in_any_status(me, status):
    c = await f.campaign(me)
    await set_status(c.id, status)
    edited = await cm.edit_campaign(
        me, c.id, {"name": "Renamed", "timezone": "Europe/Berlin", "response_handling": "continue"}
    )
    assert (edited.name, edited.timezone, edited.response_handling.value) == (
        "Renamed",
        "Europe/Berlin",
        "continue",
    )


async def test_ab_settings_refused_while_active(me):
    c = await f.campaign(me)
    await set_status(c.id, S.ACTIVE)
    with pytest.raises(Conflict, match="A/B"):
        await cm.edit_campaign(me, c.id, {"ab_variants": {"A": 50, "B": 50}})
    await set_status(c.id, S.PAUSED)
    assert (await cm.edit_campaign(me, c.id, {"ab_variants": {"A": 1, "B": 1}})).ab_variants


async def test_changing_the_account_moves_the_executions(me):
    c = await f.ready_campaign(me, leads=3)
    other = await f.account(me)
    await cm.edit_campaign(me, c.id, {"telegram_account_id": other.id})
    assert set(await Execution.filter(campaign_id=c.id).values_list("account_id", flat=True)) == {
        other.id
    }


async def test_account_from_another_workspace_is_refused(me):
    stranger = Actor((await f.user()).id)
    theirs = await f.account(stranger)
    with pytest.raises(Invalid, match="not available"):
        await cm.create_campaign(me, {"name": "x", "telegram_account_id": theirs.id})


# ------------------------------------------------------------------ launch


async def test_launch_draft_makes_every_execution_due_now(me):
    c = await f.ready_campaign(me, leads=4)
    now = utcnow()
    launched = await cm.launch(me, c.id, now=now)
    assert launched.status == S.ACTIVE
    rows = await Execution.filter(campaign_id=c.id)
    assert {r.status for r in rows} == {E.PENDING}
    assert all(r.next_execution_at <= now + timedelta(seconds=1) for r in rows)


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("disabled", "campaign_disabled"),
        ("no_account", "no_account"),
        ("disconnected", "account_not_connected"),
        ("parked", "account_parked"),
        ("no_contacts", "no_contacts"),
        ("no_flow", "no_flow"),
    ],
)
async def test_each_launch_requirement_has_its_own_error(me, setup, code):
    c = await f.ready_campaign(me, leads=1)
    account_id = c.telegram_account_id
    if setup == "disabled":
        await Campaign.filter(id=c.id).update(enabled=False)
    elif setup == "no_account":
        await Campaign.filter(id=c.id).update(telegram_account_id=None)
    elif setup == "disconnected":
        await TelegramAccount.filter(id=account_id).update(status=AccountStatus.DISCONNECTED)
    elif setup == "parked":
        await TelegramAccount.filter(id=account_id).update(
            flood_wait_until=utcnow() + timedelta(hours=1)
        )
    elif setup == "no_contacts":
        await Execution.filter(campaign_id=c.id).update(deleted_at=utcnow())
    elif setup == "no_flow":
        await Campaign.filter(id=c.id).update(flow={})
    with pytest.raises(Invalid) as info:
        await cm.launch(me, c.id)
    assert info.value.code == code
    assert (await Campaign.get(id=c.id)).status == S.DRAFT


async def test_launch_checks_the_flow_again(me):
    c = await f.ready_campaign(me, leads=1)
    await Campaign.filter(id=c.id).update(flow={"nodes": [{"id": "x", "type": "end"}], "edges": []})
    with pytest.raises(FlowInvalid):
        await cm.launch(me, c.id)


@pytest.mark.parametrize("status", [S.ACTIVE, S.SCHEDULED, S.COMPLETED, S.CANCELLED])
async def test_launch_refused_from(me, status):
    c = await f.ready_campaign(me, leads=1)
    await set_status(c.id, status)
    with pytest.raises(Conflict):
        await cm.launch(me, c.id)


async def test_scheduled_launch_waits_for_its_time(me):
    start = utcnow() + timedelta(hours=2)
    c = await f.ready_campaign(me, leads=2, start_type="scheduled", scheduled_start_at=start)
    launched = await cm.launch(me, c.id)
    assert launched.status == S.SCHEDULED
    assert {e.next_execution_at for e in await Execution.filter(campaign_id=c.id)} == {start}
    assert await cm.start_due_scheduled(now=start - timedelta(seconds=1)) == []
    assert await cm.start_due_scheduled(now=start) == [c.id]
    assert (await Campaign.get(id=c.id)).status == S.ACTIVE


async def test_scheduled_time_in_the_past_launches_at_once(me):
    c = await f.ready_campaign(
        me, leads=1, start_type="scheduled", scheduled_start_at=utcnow() - timedelta(minutes=1)
    )
    assert (await cm.launch(me, c.id)).status == S.ACTIVE


async def test_cancel_schedule(me):
    c = await f.ready_campaign(
        me, leads=1, start_type="scheduled", scheduled_start_at=utcnow() + timedelta(days=1)
    )
    await cm.launch(me, c.id)
    assert (await cm.cancel_schedule(me, c.id)).status == S.DRAFT
    with pytest.raises(Conflict):
        await cm.cancel_schedule(me, c.id)


# ------------------------------------------------------------------ pause / resume / stop


async def test_pause_keeps_each_lead_where_it_stood(me):
    c = await f.ready_campaign(me, leads=4)
    await cm.launch(me, c.id)
    later = utcnow() + timedelta(days=2)
    ids = [e.id for e in await Execution.filter(campaign_id=c.id).order_by("id")]
    await Execution.filter(id=ids[0]).update(
        status=E.WAITING, next_execution_at=later, current_node_id="hello"
    )
    await Execution.filter(id=ids[1]).update(status=E.RUNNING)
    await Execution.filter(id=ids[2]).update(status=E.COMPLETED)
    paused = await cm.pause(me, c.id)
    assert paused.status == S.PAUSED
    assert await statuses(c.id) == {"paused": 3, "completed": 1}
    waiting = await Execution.get(id=ids[0])
    assert (waiting.next_execution_at, waiting.current_node_id) == (later, "hello")
    with pytest.raises(Conflict, match="already paused"):
        await cm.pause(me, c.id)

    # Resume without restarting the completed lead: the delayed one keeps its later time.
    resumed = await cm.launch(me, c.id, restart_completed=False)
    assert resumed.status == S.ACTIVE
    assert await statuses(c.id) == {"pending": 3, "completed": 1}
    waiting = await Execution.get(id=ids[0])
    assert (waiting.next_execution_at, waiting.current_node_id) == (later, "hello")


async def test_relaunch_restarts_completed_leads_unless_told_not_to(me):
    c = await f.ready_campaign(me, leads=2)
    await cm.launch(me, c.id)
    first = await Execution.filter(campaign_id=c.id).order_by("id").first()
    await Execution.filter(id=first.id).update(
        status=E.COMPLETED, current_node_id="end", completed_at=utcnow()
    )
    await cm.pause(me, c.id)
    preview = await cm.launch_preview(me, c.id)
    assert (preview.restartable, preview.pending) == (1, 1)
    await cm.launch(me, c.id)
    again = await Execution.get(id=first.id)
    assert (again.status, again.current_node_id, again.completed_at, again.run) == (
        E.PENDING,
        None,
        None,
        1,
    )


@pytest.mark.parametrize("status", [S.ACTIVE, S.PAUSED, S.SCHEDULED])
async def test_stop(me, status):
    c = await f.ready_campaign(me, leads=3)
    await set_status(c.id, status)
    done = await Execution.filter(campaign_id=c.id).first()
    await Execution.filter(id=done.id).update(status=E.COMPLETED)
    stopped = await cm.stop(me, c.id)
    assert stopped.status == S.CANCELLED
    assert stopped.completed_at is not None
    assert stopped.error_message == "Campaign stopped by user"
    assert await statuses(c.id) == {"cancelled": 2, "completed": 1}


@pytest.mark.parametrize("status", [S.DRAFT, S.COMPLETED, S.CANCELLED])
async def test_stop_refused_from(me, status):
    c = await f.ready_campaign(me, leads=1)
    await set_status(c.id, status)
    with pytest.raises(Conflict):
        await cm.stop(me, c.id)


@pytest.mark.parametrize("status", [s for s in S if s != S.ACTIVE])
async def test_pause_refused_from(me, status):
    c = await f.ready_campaign(me, leads=1)
    await set_status(c.id, status)
    with pytest.raises(Conflict):
        await cm.pause(me, c.id)


# ------------------------------------------------------------------ duplicate / delete / restore


async def test_duplicate_copies_flow_and_settings_but_no_contacts(db):
    owner = await f.user()
    org = await f.organization(owner, admin_view_enabled=True)
    _, creator = await f.member(org, Role.MEMBER)
    _, admin = await f.member(org, Role.ADMIN)
    c = await f.ready_campaign(
        creator, leads=2, ab_variants={"A": 1, "B": 1}, flow={**f.SIMPLE_FLOW}
    )
    await set_status(c.id, S.COMPLETED)
    copy = await cm.duplicate(admin, c.id)
    assert copy.name == f"{c.name} (Copy)"
    assert (copy.status, copy.organization_id, copy.created_by_id) == (
        S.DRAFT,
        org.id,
        admin.user_id,
    )
    assert (copy.flow, copy.ab_variants) == (c.flow, c.ab_variants)
    assert await Execution.filter(campaign_id=copy.id).count() == 0


async def test_delete_pauses_hides_and_restore_brings_it_back_paused(me):
    c = await f.ready_campaign(me, leads=2)
    await cm.launch(me, c.id)
    deleted = await cm.delete(me, c.id)
    assert deleted.deleted_at is not None and deleted.status == S.PAUSED
    assert await statuses(c.id) == {"paused": 2}
    assert (await cm.list_campaigns(me)).total == 0
    assert (await cm.list_campaigns(me, deleted=True)).total == 1
    for action in (cm.launch, cm.pause, cm.stop, cm.duplicate, cm.enable, cm.disable, cm.delete):
        with pytest.raises(Conflict, match="deleted"):
            await action(me, c.id)
    with pytest.raises(Conflict):
        await cm.edit_campaign(me, c.id, {"name": "x"})
    with pytest.raises(Conflict):
        await cm.add_contacts(me, c.id, [])
    restored = await cm.restore(me, c.id)
    assert (restored.deleted_at, restored.status) == (None, S.PAUSED)
    assert await statuses(c.id) == {"paused": 2}
    with pytest.raises(Conflict, match="not deleted"):
        await cm.restore(me, c.id)


@pytest.mark.parametrize("status", [S.DRAFT, S.PAUSED, S.COMPLETED, S.CANCELLED])
async def test_delete_keeps_the_status_when_nothing_runs(me, status):
    c = await f.ready_campaign(me, leads=1)
    await set_status(c.id, status)
    assert (await cm.delete(me, c.id)).status == status


# ------------------------------------------------------------------ enable / disable


async def test_disable_cancels_unfinished_at_once_and_blocks_launch(me):
    c = await f.ready_campaign(me, leads=3)
    await cm.launch(me, c.id)
    first = await Execution.filter(campaign_id=c.id).first()
    await Execution.filter(id=first.id).update(status=E.COMPLETED)
    disabled = await cm.disable(me, c.id)
    assert (disabled.enabled, disabled.status) == (False, S.ACTIVE)
    assert await statuses(c.id) == {"cancelled": 2, "completed": 1}
    with pytest.raises(Conflict, match="already disabled"):
        await cm.disable(me, c.id)
    await cm.pause(me, c.id)
    with pytest.raises(Invalid) as info:
        await cm.launch(me, c.id)
    assert info.value.code == "campaign_disabled"
    enabled = await cm.enable(me, c.id)
    assert enabled.enabled and enabled.status == S.PAUSED
    assert await statuses(c.id) == {"cancelled": 2, "completed": 1}
    with pytest.raises(Conflict, match="already enabled"):
        await cm.enable(me, c.id)


# ------------------------------------------------------------------ contacts


async def test_add_contacts_counts_skips_and_starts_at_once_when_active(me):
    c = await f.ready_campaign(me, leads=2)
    await cm.launch(me, c.id)
    existing = [e.contact_id for e in await Execution.filter(campaign_id=c.id)]
    fresh = await f.contacts(me, 3)
    stranger = Actor((await f.user()).id)
    foreign = await f.contacts(stranger, 1)
    change = await cm.add_contacts(
        me, c.id, existing + [p.id for p in fresh] + [foreign[0].id, 10**9]
    )
    assert (change.added, change.already_in, change.not_found) == (3, 2, 2)
    new = await Execution.filter(campaign_id=c.id, contact_id__in=[p.id for p in fresh])
    assert {e.status for e in new} == {E.PENDING}
    assert all(e.next_execution_at <= utcnow() for e in new)
    assert new[0].context["first_name"].startswith("Lead")
    assert await Execution.filter(contact_id=foreign[0].id).count() == 0


async def test_add_contacts_to_completed_campaign_reactivates_it(me):
    c = await f.ready_campaign(me, leads=1)
    await cm.launch(me, c.id)
    await Execution.filter(campaign_id=c.id).update(status=E.COMPLETED)
    assert await cm.complete_if_done(c.id)
    assert (await Campaign.get(id=c.id)).status == S.COMPLETED
    change = await cm.add_contacts(me, c.id, [p.id for p in await f.contacts(me, 1)])
    assert change.reactivated
    assert (await Campaign.get(id=c.id)).status == S.ACTIVE


async def test_add_contacts_assigns_stable_variants(me):
    c = await f.ready_campaign(me, leads=0, ab_variants={"A": 50, "B": 50}, flow=None)
    people = await f.contacts(me, 40)
    await cm.add_contacts(me, c.id, [p.id for p in people])
    from core.variants import assign_variant

    for e in await Execution.filter(campaign_id=c.id):
        assert e.variant == assign_variant(c.id, e.contact_id, {"A": 50, "B": 50})
    assert {e.variant for e in await Execution.filter(campaign_id=c.id)} == {"A", "B"}


async def test_remove_and_re_add_contacts(me):
    c = await f.ready_campaign(me, leads=3)
    ids = [e.contact_id for e in await Execution.filter(campaign_id=c.id)]
    change = await cm.remove_contacts(me, c.id, ids[:2] + [10**9])
    assert (change.removed, change.not_found) == (2, 1)
    assert await Execution.filter(campaign_id=c.id, deleted_at=None).count() == 1
    again = await cm.add_contacts(me, c.id, ids)
    assert (again.added, again.already_in) == (2, 1)
    assert await Execution.filter(campaign_id=c.id, deleted_at=None).count() == 3


async def test_contact_ids_must_be_ids(me):
    c = await f.campaign(me)
    for bad in ("1,2", [1, "2"], [True], None):
        with pytest.raises(Invalid):
            await cm.add_contacts(me, c.id, bad)


# ------------------------------------------------------------------ completion


async def test_completion_only_when_nothing_is_unfinished(me):
    c = await f.ready_campaign(me, leads=2)
    await cm.launch(me, c.id)
    first = await Execution.filter(campaign_id=c.id).first()
    await Execution.filter(id=first.id).update(status=E.RESPONDED)
    assert not await cm.complete_if_done(c.id)
    await Execution.filter(campaign_id=c.id, status=E.PENDING).update(status=E.FAILED)
    assert await cm.complete_if_done(c.id)
    done = await Campaign.get(id=c.id)
    assert done.status == S.COMPLETED and done.completed_at is not None


# ------------------------------------------------------------------ bulk


async def test_bulk_reports_each_item(db):
    owner = await f.user()
    org = await f.organization(owner, admin_view_enabled=True)
    owner_actor = Actor(owner.id, org.id, Role.OWNER)
    _, member = await f.member(org, Role.MEMBER)
    mine = await f.ready_campaign(owner_actor, leads=1)
    draft_without_contacts = await f.campaign(owner_actor)
    theirs = await f.ready_campaign(member, leads=1)
    results = await cm.bulk_action(
        owner_actor, "launch", [mine.id, draft_without_contacts.id, theirs.id, 10**6, "x"]
    )
    assert [(r.id, r.ok, r.error) for r in results] == [
        (mine.id, True, None),
        (draft_without_contacts.id, False, "invalid"),
        (theirs.id, False, "forbidden"),
        (10**6, False, "not_found"),
        ("x", False, "invalid"),
    ]
    with pytest.raises(Invalid):
        await cm.bulk_action(owner_actor, "explode", [mine.id])


# ------------------------------------------------------------------ through the permission table


ACTIONS = {
    "view": lambda a, cid: cm.load_campaign(a, cid),
    "edit": lambda a, cid: cm.edit_campaign(a, cid, {"description": "x"}),
    "enable": lambda a, cid: cm.enable(a, cid),
    "disable": lambda a, cid: cm.disable(a, cid),
    "add_contacts": lambda a, cid: cm.add_contacts(a, cid, []),
    "remove_contacts": lambda a, cid: cm.remove_contacts(a, cid, []),
    "delete": lambda a, cid: cm.delete(a, cid),
    "restore": lambda a, cid: cm.restore(a, cid),
    "duplicate": lambda a, cid: cm.duplicate(a, cid),
    "launch": lambda a, cid: cm.launch(a, cid),
    "pause": lambda a, cid: cm.pause(a, cid),
    "stop": lambda a, cid: cm.stop(a, cid),
    "cancel_schedule": lambda a, cid: cm.cancel_schedule(a, cid),
}


@pytest.mark.parametrize("admin_view", [False, True])
@pytest.mark.parametrize("role", ["owner", "admin", "member", "outsider"])
async def test_core_actions_apply_the_permission_table(db, role, admin_view):
    """Each core action refuses exactly as tests/unit/test_permissions.py's table says,
    for another member's campaign (own campaigns are always allowed)."""
    from core.permissions import Action, CampaignRef, decide

    owner = await f.user()
    org = await f.organization(owner, admin_view_enabled=admin_view)
    _, creator = await f.member(org, Role.MEMBER)
    if role == "owner":
        actor = Actor(owner.id, org.id, Role.OWNER)
    elif role == "outsider":
        actor = Actor((await f.user()).id, org.id, None)
    else:
        _, actor = await f.member(org, Role(role))
    for name, call in ACTIONS.items():
        c = await f.ready_campaign(creator, leads=1)
        expected = decide(actor, CampaignRef(org.id, creator.user_id), Action(name), admin_view)
        try:
            await call(actor, c.id)
            outcome = "allowed"
        except NotFound:
            outcome = "not_found"
        except Forbidden:
            outcome = "forbidden"
        except (Conflict, Invalid):
            outcome = "allowed"  # passed the permission checks, stopped by status or input
        assert outcome == expected, name


async def test_list_view_modes(db):
    owner = await f.user()
    org = await f.organization(owner)
    owner_actor = Actor(owner.id, org.id, Role.OWNER)
    _, member = await f.member(org, Role.MEMBER)
    await f.campaign(owner_actor)
    await f.campaign(member)
    page = await cm.list_campaigns(owner_actor, view_mode="all")
    assert (page.view_mode, page.total) == ("own", 1)
    from models import Organization

    await Organization.filter(id=org.id).update(admin_view_enabled=True)
    page = await cm.list_campaigns(owner_actor, view_mode="all")
    assert (page.view_mode, page.total) == ("all", 2)
    page = await cm.list_campaigns(member, view_mode="all")
    assert (page.view_mode, page.total) == ("own", 1)
    personal = Actor(owner.id)
    await f.campaign(personal)
    page = await cm.list_campaigns(personal, view_mode="all")
    assert (page.view_mode, page.total) == ("own", 1)


async def test_list_filters_search_and_pages(me):
    for i in range(25):
        await f.campaign(me, name=f"Promo {i}" if i % 2 else f"Other {i}")
    page = await cm.list_campaigns(me, q="promo", per_page=5, page=2)
    assert (page.total, len(page.items), page.page) == (12, 5, 2)
    assert (await cm.list_campaigns(me, status="draft")).total == 25
    with pytest.raises(Invalid):
        await cm.list_campaigns(me, status="running")
