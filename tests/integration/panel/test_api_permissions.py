"""SPEC §2's permission table through the JSON API: every action for every role, own and
another member's campaign, admin view on and off; and cross-workspace access → 404."""

from __future__ import annotations

import pytest

from core.clock import utcnow
from core.workspaces import actor_for
from models import Campaign, Role
from tests import factories
from tests.integration.panel.conftest import token_headers

CREATOR_ONLY = {"launch", "pause", "stop", "cancel_schedule"}
# action: (method, path suffix, body, campaign changes before, success status)
ACTIONS = {
    "view": ("get", "", None, {}, 200),
    "statistics": ("get", "/statistics", None, {}, 200),
    "logs": ("get", "/logs", None, {}, 200),
    "export": ("get", "/logs?format=csv", None, {}, 200),
    "diagnose": ("get", "/diagnose", None, {}, 200),
    "preview": ("get", "/preview", None, {}, 200),
    "contacts": ("get", "/contacts", None, {}, 200),
    "edit": ("patch", "", {"description": "changed"}, {}, 200),
    "test_send": ("post", "/test-send", None, {}, 202),
    "enable": ("post", "/enable", None, {"enabled": False}, 200),
    "disable": ("post", "/disable", None, {}, 200),
    "add_contacts": ("post", "/contacts", "CONTACTS", {}, 200),
    "remove_contacts": ("delete", "/contacts", "CONTACTS", {}, 200),
    "delete": ("delete", "", None, {}, 200),
    "restore": ("post", "/restore", None, {"deleted_at": "NOW"}, 200),
    "duplicate": ("post", "/duplicate", None, {}, 201),
    "launch": ("post", "/launch", None, {}, 200),
    "pause": ("post", "/pause", None, {"status": "active"}, 200),
    "stop": ("post", "/stop", None, {"status": "active"}, 200),
    "cancel_schedule": ("post", "/cancel-schedule", None, {"status": "scheduled"}, 200),
}


def expected(role: Role, own: bool, admin_view: bool, action: str) -> str:
    """The table, written out independently of core/permissions.py."""
    if own:
        return "ok"
    if role == Role.MEMBER or not admin_view:
        return "not_found"
    return "forbidden" if action in CREATOR_ONLY else "ok"


async def _prepared(actor, action: str) -> tuple[Campaign, list[int]]:
    campaign = await factories.ready_campaign(actor, leads=2)
    changes = dict(ACTIONS[action][3])
    if changes.get("deleted_at") == "NOW":
        changes["deleted_at"] = utcnow()
    if changes:
        await Campaign.filter(id=campaign.id).update(**changes)
    people = await factories.contacts(actor, 1)
    return campaign, [people[0].id]


async def _call(client, headers, campaign_id: int, action: str, contact_ids: list[int]):
    method, suffix, body, _, _ = ACTIONS[action]
    json_body = {"contact_ids": contact_ids} if body == "CONTACTS" else body
    return await client.request(
        method, f"/api/v1/campaign-flows/{campaign_id}{suffix}", headers=headers, json=json_body
    )


@pytest.mark.parametrize("admin_view", [False, True])
@pytest.mark.parametrize("own", [True, False])
@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN, Role.MEMBER])
async def test_permission_table(client, role: Role, own: bool, admin_view: bool):
    owner = await factories.user()
    org = await factories.organization(owner, admin_view_enabled=admin_view)
    if role == Role.OWNER:
        user, actor = owner, await actor_for(owner, org.id)
    else:
        user, actor = await factories.member(org, role)
    _, colleague = await factories.member(org, Role.MEMBER)
    creator = actor if own else colleague
    headers = await token_headers(user, org.id)
    for action, (_, _, _, _, success) in ACTIONS.items():
        campaign, contact_ids = await _prepared(creator, action)
        response = await _call(client, headers, campaign.id, action, contact_ids)
        want = expected(role, own, admin_view, action)
        status = {"ok": success, "not_found": 404, "forbidden": 403}[want]
        assert response.status == status, (action, role, own, admin_view, await response.text())
        if status >= 400:
            assert (await response.json())["error"]["code"] == want
        if action == "view" and status == 200:
            permissions = set((await response.json())["permissions"])
            assert bool(permissions & CREATOR_ONLY) == own


async def test_personal_workspace_owner_may_do_everything(client):
    user = await factories.user()
    actor = await actor_for(user, None)
    headers = await token_headers(user)
    for action, (_, _, _, _, success) in ACTIONS.items():
        campaign, contact_ids = await _prepared(actor, action)
        response = await _call(client, headers, campaign.id, action, contact_ids)
        assert response.status == success, (action, await response.text())


async def test_bulk_applies_the_table_item_by_item(client):
    owner = await factories.user()
    org = await factories.organization(owner, admin_view_enabled=True)
    owner_actor = await actor_for(owner, org.id)
    _, colleague = await factories.member(org, Role.MEMBER)
    mine = await factories.ready_campaign(owner_actor)
    theirs = await factories.ready_campaign(colleague)
    headers = await token_headers(owner, org.id)
    response = await client.post(
        "/api/v1/campaign-flows/bulk",
        headers=headers,
        json={"action": "launch", "ids": [mine.id, theirs.id]},
    )
    results = (await response.json())["results"]
    assert results[0]["ok"] is True
    assert results[1]["ok"] is False and results[1]["error"] == "forbidden"
    disabled = await client.post(
        "/api/v1/campaign-flows/bulk",
        headers=headers,
        json={"action": "disable", "ids": [mine.id, theirs.id]},
    )
    assert all(r["ok"] for r in (await disabled.json())["results"])


# ---------------------------------------------------------------- across workspaces

CAMPAIGN_ENDPOINTS = [
    ("get", ""),
    ("patch", ""),
    ("delete", ""),
    ("post", "/restore"),
    ("post", "/launch"),
    ("post", "/pause"),
    ("post", "/stop"),
    ("post", "/cancel-schedule"),
    ("post", "/duplicate"),
    ("post", "/enable"),
    ("post", "/disable"),
    ("get", "/contacts"),
    ("post", "/contacts"),
    ("delete", "/contacts"),
    ("get", "/statistics"),
    ("get", "/statistics?refresh=true"),
    ("get", "/diagnose"),
    ("get", "/preview"),
    ("post", "/test-send"),
    ("get", "/logs"),
    ("get", "/logs?format=csv"),
    ("get", "/logs?format=json"),
    ("get", "/logs?format=ndjson"),
]


async def _assert_hidden(client, headers, campaign_id: int, contact_id: int) -> None:
    for method, suffix in CAMPAIGN_ENDPOINTS:
        body = (
            {"contact_ids": [contact_id]}
            if suffix == "/contacts" and method != "get"
            else {"description": "stolen"}
        )
        response = await client.request(
            method, f"/api/v1/campaign-flows/{campaign_id}{suffix}", headers=headers, json=body
        )
        assert response.status == 404, (method, suffix, await response.text())
        assert (await response.json())["error"]["code"] == "not_found"


async def test_another_personal_workspace_is_invisible(client):
    stranger = await factories.user()
    victim = await factories.user()
    victim_actor = await actor_for(victim, None)
    campaign = await factories.ready_campaign(victim_actor)
    people = await factories.contacts(victim_actor, 1)
    headers = await token_headers(stranger)
    await _assert_hidden(client, headers, campaign.id, people[0].id)
    listing = await (await client.get("/api/v1/campaign-flows", headers=headers)).json()
    assert listing["total"] == 0
    contacts = await (await client.get("/api/v1/contacts", headers=headers)).json()
    assert contacts["total"] == 0
    accounts = await (await client.get("/api/v1/telegram-accounts", headers=headers)).json()
    assert accounts["items"] == []
    account_id = campaign.telegram_account_id
    test = await client.post(f"/api/v1/telegram-accounts/{account_id}/test", headers=headers)
    assert test.status == 404
    # another workspace's contacts cannot be put into one's own campaign
    own = await factories.campaign(await actor_for(stranger, None))
    added = await client.post(
        f"/api/v1/campaign-flows/{own.id}/contacts",
        headers=headers,
        json={"contact_ids": [people[0].id]},
    )
    assert (await added.json()) | {"added": 0, "not_found": 1} == await added.json()
    preview = await client.get(
        f"/api/v1/campaign-flows/{own.id}/preview?contact_id={people[0].id}", headers=headers
    )
    assert preview.status == 404


async def test_an_organization_one_is_not_in_is_invisible(client):
    owner = await factories.user()
    org = await factories.organization(owner, admin_view_enabled=True)
    owner_actor = await actor_for(owner, org.id)
    campaign = await factories.ready_campaign(owner_actor)
    people = await factories.contacts(owner_actor, 1)
    outsider = await factories.user()
    outsider_org = await factories.organization(outsider)
    for org_header in (None, org.id, outsider_org.id):
        headers = await token_headers(outsider, org_header)
        if org_header == org.id:
            response = await client.get("/api/v1/campaign-flows", headers=headers)
            assert response.status == 404  # not a member of that workspace
            continue
        await _assert_hidden(client, headers, campaign.id, people[0].id)
    headers = await token_headers(outsider)
    assert (await client.get(f"/api/v1/organizations/{org.id}", headers=headers)).status == 404
    patch = await client.patch(
        f"/api/v1/organizations/{org.id}", headers=headers, json={"admin_view_enabled": False}
    )
    assert patch.status == 404
    # the owner's personal workspace does not show the organization's campaigns either
    personal = await token_headers(owner)
    await _assert_hidden(client, personal, campaign.id, people[0].id)
