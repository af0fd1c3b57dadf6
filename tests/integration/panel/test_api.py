"""Every /api/v1 endpoint through aiohttp's test client, with every error code it answers."""

from __future__ import annotations

import json

from core.workspaces import actor_for
from models import AccountCommand, Campaign, ExecutionLog, Role
from tests import factories
from tests.integration.panel.conftest import token_headers


async def _personal():
    user = await factories.user()
    return user, await actor_for(user, None), await token_headers(user)


def _error(body: dict, code: str) -> None:
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


async def test_no_token_or_a_bad_one_is_401(client):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        response = await client.get("/api/v1/me", headers=headers)
        assert response.status == 401
        _error(await response.json(), "unauthorized")
    user = await factories.user()
    headers = await token_headers(user)
    from core.credentials import revoke_api_token
    from models import ApiToken

    token = await ApiToken.get(user_id=user.id)
    await revoke_api_token(user, token.id)
    response = await client.get("/api/v1/campaign-flows", headers=headers)
    assert response.status == 401


async def test_me_lists_organizations_and_roles(client):
    user, _, headers = await _personal()
    org = await factories.organization(user)
    body = await (await client.get("/api/v1/me", headers=headers)).json()
    assert body["id"] == user.id
    assert body["organizations"] == [{"id": org.id, "name": org.name, "role": "owner"}]


async def test_campaign_crud_and_lifecycle(client):
    user, actor, headers = await _personal()
    account = await factories.account(actor)
    people = await factories.contacts(actor, 3)
    response = await client.post(
        "/api/v1/campaign-flows",
        headers=headers,
        json={
            "name": "Spring",
            "flow": factories.SIMPLE_FLOW,
            "telegram_account_id": account.id,
            "contact_ids": [p.id for p in people],
        },
    )
    assert response.status == 201, await response.text()
    created = await response.json()
    cid = created["id"]
    assert created["status"] == "draft"
    assert "launch" in created["permissions"]

    listing = await (await client.get("/api/v1/campaign-flows", headers=headers)).json()
    assert listing["total"] == 1 and listing["view_mode"] == "own"
    assert listing["items"][0]["id"] == cid

    patched = await client.patch(
        f"/api/v1/campaign-flows/{cid}", headers=headers, json={"description": "new"}
    )
    assert patched.status == 200 and (await patched.json())["description"] == "new"

    launched = await client.post(
        f"/api/v1/campaign-flows/{cid}/launch", headers=headers, json={"restart_completed": False}
    )
    assert launched.status == 200, await launched.text()
    assert (await launched.json())["status"] == "active"
    # the flow cannot change while active: 409 with the core's sentence
    refused = await client.patch(
        f"/api/v1/campaign-flows/{cid}", headers=headers, json={"flow": factories.SIMPLE_FLOW}
    )
    assert refused.status == 409
    _error(await refused.json(), "conflict")
    for step, status in (("pause", "paused"), ("launch", "active"), ("stop", "cancelled")):
        response = await client.post(f"/api/v1/campaign-flows/{cid}/{step}", headers=headers)
        assert response.status == 200, await response.text()
        assert (await response.json())["status"] == status
    again = await client.post(f"/api/v1/campaign-flows/{cid}/pause", headers=headers)
    assert again.status == 409

    copy = await client.post(f"/api/v1/campaign-flows/{cid}/duplicate", headers=headers)
    assert copy.status == 201
    copy_id = (await copy.json())["id"]
    assert (await copy.json())["name"] == "Spring (Copy)"
    for step, field, value in (("disable", "enabled", False), ("enable", "enabled", True)):
        response = await client.post(f"/api/v1/campaign-flows/{copy_id}/{step}", headers=headers)
        assert (await response.json())[field] is value
    deleted = await client.delete(f"/api/v1/campaign-flows/{copy_id}", headers=headers)
    assert deleted.status == 200 and (await deleted.json())["deleted_at"]
    assert (
        await client.post(f"/api/v1/campaign-flows/{copy_id}/duplicate", headers=headers)
    ).status == 409
    restored = await client.post(f"/api/v1/campaign-flows/{copy_id}/restore", headers=headers)
    assert restored.status == 200 and (await restored.json())["deleted_at"] is None


async def test_scheduled_start_and_cancel_schedule(client):
    _, actor, headers = await _personal()
    campaign = await factories.ready_campaign(
        actor, start_type="scheduled", scheduled_start_at="2099-01-01T09:00:00+00:00"
    )
    launched = await client.post(f"/api/v1/campaign-flows/{campaign.id}/launch", headers=headers)
    assert (await launched.json())["status"] == "scheduled"
    cancelled = await client.post(
        f"/api/v1/campaign-flows/{campaign.id}/cancel-schedule", headers=headers
    )
    assert (await cancelled.json())["status"] == "draft"


async def test_invalid_input_is_422_never_500(client):
    _, actor, headers = await _personal()
    campaign = await factories.campaign(actor)
    cases = [
        ("post", "/api/v1/campaign-flows", b"{not json"),
        ("post", "/api/v1/campaign-flows", b"[1, 2]"),
        ("post", "/api/v1/campaign-flows", json.dumps({"name": ""}).encode()),
        ("post", "/api/v1/campaign-flows", json.dumps({"name": "x", "bogus": 1}).encode()),
        (
            "post",
            "/api/v1/campaign-flows",
            json.dumps({"name": "x", "flow": {"nodes": 3}}).encode(),
        ),
        ("post", "/api/v1/campaign-flows", json.dumps({"name": "x", "contact_ids": "1"}).encode()),
        (
            "post",
            "/api/v1/campaign-flows",
            b'{"name": "x", "telegram_account_id": 99999999999999999999999}',
        ),
        (
            "patch",
            f"/api/v1/campaign-flows/{campaign.id}",
            json.dumps({"timezone": "Mars/Base"}).encode(),
        ),
        (
            "post",
            "/api/v1/campaign-flows/bulk",
            json.dumps({"action": "explode", "ids": [1]}).encode(),
        ),
        ("post", "/api/v1/campaign-flows/bulk", json.dumps({"action": "stop", "ids": []}).encode()),
        (
            "post",
            f"/api/v1/campaign-flows/{campaign.id}/contacts",
            json.dumps({"contact_ids": ["a"]}).encode(),
        ),
        (
            "post",
            f"/api/v1/campaign-flows/{campaign.id}/launch",
            json.dumps({"restart_completed": "yes"}).encode(),
        ),
        ("post", f"/api/v1/campaign-flows/{campaign.id}/launch", b""),  # no contacts: requirement
        ("post", "/api/v1/contacts", json.dumps({"first_name": "No identifiers"}).encode()),
        ("post", "/api/v1/contacts/import", b"\x00\x01garbage"),
    ]
    for method, path, body in cases:
        response = await client.request(method, path, headers=headers, data=body)
        assert response.status == 422, (path, body, await response.text())
        assert (await response.json())["error"]["code"]
    for path in (
        "/api/v1/campaign-flows?page=abc",
        "/api/v1/campaign-flows?per_page=0",
        "/api/v1/campaign-flows?status=weird",
        "/api/v1/campaign-flows?view_mode=everything",
        f"/api/v1/campaign-flows/{campaign.id}/logs?format=xml",
        f"/api/v1/campaign-flows/{campaign.id}/logs?execution_id=x",
        f"/api/v1/campaign-flows/{campaign.id}/logs?date_from=yesterday",
        f"/api/v1/campaign-flows/{campaign.id}/contacts?status=nope",
        f"/api/v1/campaign-flows/{campaign.id}/statistics?refresh=maybe",
        f"/api/v1/campaign-flows/{campaign.id}/preview?contact_id=x",
        "/api/v1/contacts?status=nope",
    ):
        response = await client.get(path, headers=headers)
        assert response.status == 422, (path, await response.text())


async def test_not_found_shapes(client):
    _, _, headers = await _personal()
    for method, path in (
        ("get", "/api/v1/campaign-flows/999"),
        ("get", "/api/v1/campaign-flows/99999999999999999999"),
        ("post", "/api/v1/campaign-flows/999/launch"),
        ("get", "/api/v1/nothing-here"),
        ("get", "/api/v1/organizations/5"),
        ("post", "/api/v1/telegram-accounts/5/test"),
    ):
        response = await client.request(method, path, headers=headers)
        assert response.status == 404, path
        _error(await response.json(), "not_found")
    bad_org = await client.get(
        "/api/v1/campaign-flows", headers={**headers, "X-Organization-Id": "abc"}
    )
    assert bad_org.status == 404
    wrong_method = await client.put("/api/v1/me", headers=headers)
    assert wrong_method.status == 405
    _error(await wrong_method.json(), "method_not_allowed")


async def test_bulk_reports_each_item(client):
    _, actor, headers = await _personal()
    ready = await factories.ready_campaign(actor)
    empty = await factories.campaign(actor)
    response = await client.post(
        "/api/v1/campaign-flows/bulk",
        headers=headers,
        json={"action": "launch", "ids": [ready.id, empty.id, 424242, 2**40, "x"]},
    )
    body = await response.json()
    assert response.status == 200
    results = {str(r["id"]): r for r in body["results"]}
    assert results[str(ready.id)]["ok"] and results[str(ready.id)]["status"] == "active"
    assert results[str(empty.id)]["error"] == "invalid"
    assert results["424242"]["error"] == "not_found"
    assert results[str(2**40)]["error"] == "not_found"
    assert results["x"]["error"] == "invalid"
    assert body["succeeded"] == 1 and body["failed"] == 4


async def test_campaign_contacts_add_list_remove(client):
    _, actor, headers = await _personal()
    campaign = await factories.campaign(actor)
    people = await factories.contacts(actor, 3)
    ids = [p.id for p in people]
    added = await client.post(
        f"/api/v1/campaign-flows/{campaign.id}/contacts",
        headers=headers,
        json={"contact_ids": [*ids, ids[0]]},
    )
    assert (await added.json())["added"] == 3
    again = await client.post(
        f"/api/v1/campaign-flows/{campaign.id}/contacts", headers=headers, json={"contact_ids": ids}
    )
    assert (await again.json())["already_in"] == 3
    listing = await (
        await client.get(f"/api/v1/campaign-flows/{campaign.id}/contacts", headers=headers)
    ).json()
    assert listing["total"] == 3
    assert {i["contact"]["id"] for i in listing["items"]} == set(ids)
    assert all(i["status"] == "pending" for i in listing["items"])
    found = await (
        await client.get(
            f"/api/v1/campaign-flows/{campaign.id}/contacts?q={people[0].first_name}",
            headers=headers,
        )
    ).json()
    assert [i["contact"]["id"] for i in found["items"]] == [people[0].id]
    removed = await client.delete(
        f"/api/v1/campaign-flows/{campaign.id}/contacts",
        headers=headers,
        json={"contact_ids": [ids[0]]},
    )
    assert (await removed.json())["removed"] == 1
    listing = await (
        await client.get(f"/api/v1/campaign-flows/{campaign.id}/contacts", headers=headers)
    ).json()
    assert listing["total"] == 2


async def test_statistics_diagnose_preview_test_send(client):
    _, actor, headers = await _personal()
    campaign = await factories.ready_campaign(actor, leads=2)
    stats = await client.get(
        f"/api/v1/campaign-flows/{campaign.id}/statistics?refresh=true", headers=headers
    )
    body = await stats.json()
    assert body["total_contacts"] == 2 and body["cache_age_seconds"] == 0
    checks = await (
        await client.get(f"/api/v1/campaign-flows/{campaign.id}/diagnose", headers=headers)
    ).json()
    names = {c["name"]: c for c in checks["checks"]}
    assert names["status"]["ok"] is False and "draft" in names["status"]["text"]
    assert names["flow"]["ok"] and names["contacts"]["ok"]
    assert names["worker"]["ok"] is False
    preview = await (
        await client.get(f"/api/v1/campaign-flows/{campaign.id}/preview", headers=headers)
    ).json()
    assert preview["messages"][0]["node_id"] == "hello"
    assert preview["messages"][0]["text"].startswith("Hi Lead")
    sent = await client.post(f"/api/v1/campaign-flows/{campaign.id}/test-send", headers=headers)
    assert sent.status == 202, await sent.text()
    command = await AccountCommand.get(id=(await sent.json())["command_id"])
    assert command.kind == "test_send" and command.payload["to"] == "self"
    assert command.payload["text"].startswith("Hi Lead")
    bad_node = await client.post(
        f"/api/v1/campaign-flows/{campaign.id}/test-send", headers=headers, json={"node_id": "zz"}
    )
    assert bad_node.status == 422


async def test_logs_page_filters(client):
    _, actor, headers = await _personal()
    campaign = await factories.campaign(actor)
    await ExecutionLog.create(
        campaign_id=campaign.id,
        kind="message_sent",
        node_type="send_message",
        message_text="Hello Anna",
        status="ok",
    )
    await ExecutionLog.create(
        campaign_id=campaign.id,
        kind="message_sent",
        node_type="delay",
        status="error",
        message_text="x",
        error="boom",
    )
    base = f"/api/v1/campaign-flows/{campaign.id}/logs"
    everything = await (await client.get(base, headers=headers)).json()
    assert len(everything["items"]) == 3  # + "Campaign created."
    by_type = await (await client.get(base + "?node_type=delay", headers=headers)).json()
    assert [i["error"] for i in by_type["items"]] == ["boom"]
    by_text = await (await client.get(base + "?q=anna", headers=headers)).json()
    assert [i["message_text"] for i in by_text["items"]] == ["Hello Anna"]
    by_status = await (await client.get(base + "?status=error", headers=headers)).json()
    assert len(by_status["items"]) == 1
    paged = await (await client.get(base + "?per_page=2", headers=headers)).json()
    assert paged["has_more"] is True and len(paged["items"]) == 2


async def test_contacts_endpoints(client):
    _, _, headers = await _personal()
    made = await client.post(
        "/api/v1/contacts", headers=headers, json={"username": "@anna_k", "first_name": "Anna"}
    )
    assert made.status == 201 and (await made.json())["source"] == "api"
    again = await client.post(
        "/api/v1/contacts", headers=headers, json={"username": "anna_k", "last_name": "K"}
    )
    assert again.status == 200 and (await again.json())["created"] is False
    csv = b"first_name,username,phone_number\nBo,bobby_b,\nNo,,\n"
    imported = await client.post(
        "/api/v1/contacts/import?filename=leads.csv",
        headers={**headers, "Content-Type": "text/csv"},
        data=csv,
    )
    report = await imported.json()
    assert imported.status == 200, report
    assert report["created"] == 1 and report["skipped"][0]["row"] == 3
    from aiohttp import FormData

    form = FormData()
    form.add_field(
        "file", b"username\ncarl_carlsson\n", filename="more.csv", content_type="text/csv"
    )
    multipart = await client.post("/api/v1/contacts/import", headers=headers, data=form)
    assert (await multipart.json())["created"] == 1
    listing = await (await client.get("/api/v1/contacts?q=anna", headers=headers)).json()
    assert listing["total"] == 1 and listing["items"][0]["last_name"] == "K"


async def test_accounts_and_health_check(client):
    user, actor, headers = await _personal()
    account = await factories.account(actor)
    listing = await (await client.get("/api/v1/telegram-accounts", headers=headers)).json()
    assert listing["items"][0]["id"] == account.id
    assert listing["items"][0]["healthy"] is True
    assert listing["items"][0]["usage"]["new_conversations_limit"] == 30
    response = await client.post(f"/api/v1/telegram-accounts/{account.id}/test", headers=headers)
    assert response.status == 202
    assert await AccountCommand.filter(kind="health_check", account_id=account.id).count() == 1


async def test_organization_get_and_patch_by_role(client):
    owner = await factories.user()
    org = await factories.organization(owner)
    member, _ = await factories.member(org, Role.MEMBER)
    admin, _ = await factories.member(org, Role.ADMIN)
    owner_h = await token_headers(owner)
    member_h = await token_headers(member)
    admin_h = await token_headers(admin)
    body = await (await client.get(f"/api/v1/organizations/{org.id}", headers=member_h)).json()
    assert body["role"] == "member" and body["admin_view_enabled"] is False
    refused = await client.patch(
        f"/api/v1/organizations/{org.id}", headers=member_h, json={"admin_view_enabled": True}
    )
    assert refused.status == 403
    _error(await refused.json(), "forbidden")
    toggled = await client.patch(
        f"/api/v1/organizations/{org.id}", headers=admin_h, json={"admin_view_enabled": True}
    )
    assert (await toggled.json())["admin_view_enabled"] is True
    rename_by_admin = await client.patch(
        f"/api/v1/organizations/{org.id}", headers=admin_h, json={"name": "Mine"}
    )
    assert rename_by_admin.status == 403
    renamed = await client.patch(
        f"/api/v1/organizations/{org.id}", headers=owner_h, json={"name": "Ours"}
    )
    assert (await renamed.json())["name"] == "Ours"
    bad = await client.patch(
        f"/api/v1/organizations/{org.id}", headers=owner_h, json={"admin_view_enabled": "yes"}
    )
    assert bad.status == 422


async def test_view_mode_all_is_applied_or_silently_own(client):
    owner = await factories.user()
    org = await factories.organization(owner, admin_view_enabled=True)
    member, member_actor = await factories.member(org, Role.MEMBER)
    await factories.campaign(member_actor)
    owner_h = await token_headers(owner, org.id)
    member_h = await token_headers(member, org.id)
    all_for_owner = await (
        await client.get("/api/v1/campaign-flows?view_mode=all", headers=owner_h)
    ).json()
    assert all_for_owner["view_mode"] == "all" and all_for_owner["total"] == 1
    all_for_member = await (
        await client.get("/api/v1/campaign-flows?view_mode=all", headers=member_h)
    ).json()
    assert all_for_member["view_mode"] == "own" and all_for_member["total"] == 1


async def test_openapi_document_lists_every_endpoint(client):
    doc = await (await client.get("/api/v1/openapi.json")).json()
    assert doc["openapi"].startswith("3.")
    paths = set(doc["paths"])
    for path in (
        "/me",
        "/campaign-flows",
        "/campaign-flows/{id}",
        "/campaign-flows/bulk",
        "/campaign-flows/{id}/launch",
        "/campaign-flows/{id}/pause",
        "/campaign-flows/{id}/stop",
        "/campaign-flows/{id}/cancel-schedule",
        "/campaign-flows/{id}/duplicate",
        "/campaign-flows/{id}/enable",
        "/campaign-flows/{id}/disable",
        "/campaign-flows/{id}/restore",
        "/campaign-flows/{id}/contacts",
        "/campaign-flows/{id}/statistics",
        "/campaign-flows/{id}/diagnose",
        "/campaign-flows/{id}/preview",
        "/campaign-flows/{id}/test-send",
        "/campaign-flows/{id}/logs",
        "/contacts",
        "/contacts/import",
        "/telegram-accounts",
        "/telegram-accounts/{id}/test",
        "/organizations/{id}",
    ):
        assert path in paths, path
    assert await Campaign.all().count() == 0
