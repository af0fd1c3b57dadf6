"""The panel's pages: sign-in through a one-time link, every page, CSRF on every form,
lead-supplied text escaped wherever it shows, the forms that change state."""

from __future__ import annotations

import re
from datetime import timedelta

from aiohttp import FormData

from core.clock import utcnow
from core.credentials import create_signin_token
from core.workspaces import actor_for
from models import (
    AccountCommand,
    ApiToken,
    Campaign,
    Contact,
    ContactImport,
    ExecutionLog,
    Invitation,
    Organization,
    Role,
)
from tests import factories
from tests.integration.panel.conftest import CSRF, csrf_of, sign_in

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


async def _signed_in(client):
    user = await factories.user()
    actor = await actor_for(user, None)
    csrf = await sign_in(client, user)
    return user, actor, csrf


async def test_signin_link_is_single_use_and_short_lived(client):
    user = await factories.user()
    token = await create_signin_token(user)
    first = await client.post(f"/signin/{token}", allow_redirects=False)
    assert first.status == 303 and first.headers["Location"] == "/campaigns"
    cookie = first.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    client.session.cookie_jar.clear()
    second = await client.post(f"/signin/{token}", allow_redirects=False)
    assert second.status == 401
    old = await create_signin_token(user, now=utcnow() - timedelta(minutes=11))
    expired = await client.post(f"/signin/{old}", allow_redirects=False)
    assert expired.status == 401
    assert (await client.get("/campaigns")).status == 401


async def test_forged_or_tampered_cookie_is_not_a_session(client):
    user = await factories.user()
    await sign_in(client, user)
    cookie = next(iter(client.session.cookie_jar))
    value = cookie.value
    client.session.cookie_jar.clear()
    client.session.cookie_jar.update_cookies({"herald_session": value[:-2] + "AA"})
    assert (await client.get("/campaigns")).status == 401


async def test_sign_out(client):
    _, _, csrf = await _signed_in(client)
    response = await client.post("/signout", data={"csrf_token": csrf}, allow_redirects=False)
    assert response.status == 303
    assert (await client.get("/campaigns")).status == 401


async def test_every_page_renders(client):
    user, actor, _ = await _signed_in(client)
    campaign = await factories.ready_campaign(actor)
    await factories.account(actor)
    job = await ContactImport.create(
        workspace=actor.workspace_key, created_by_id=user.id, filename="x.csv", status="done"
    )
    pages = [
        "/campaigns",
        "/campaigns?view_mode=all&status=draft&q=Camp&deleted=true&page=2",
        "/campaigns/new",
        f"/campaigns/{campaign.id}",
        f"/campaigns/{campaign.id}/flow",
        f"/campaigns/{campaign.id}/flow/edit",
        f"/campaigns/{campaign.id}/contacts",
        f"/campaigns/{campaign.id}/contacts?status=pending&q=Lead",
        f"/campaigns/{campaign.id}/statistics",
        f"/campaigns/{campaign.id}/statistics?refresh=true",
        f"/campaigns/{campaign.id}/statistics?fragment=true",
        f"/campaigns/{campaign.id}/logs",
        f"/campaigns/{campaign.id}/logs?node_type=delay&q=x&date_from=2024-01-01",
        f"/campaigns/{campaign.id}/diagnose",
        f"/campaigns/{campaign.id}/preview",
        "/contacts",
        "/contacts?q=x&status=active&tag=t",
        f"/contacts/imports/{job.id}",
        "/accounts",
        "/org",
        "/tokens",
        "/signed-out",
    ]
    for path in pages:
        response = await client.get(path)
        assert response.status == 200, (path, await response.text())
    svg = await (await client.get(f"/campaigns/{campaign.id}/flow")).text()
    assert "<svg" in svg and 'data-node="hello"' in svg
    stats = await (await client.get(f"/campaigns/{campaign.id}/statistics")).text()
    assert 'aria-label="Executions by status"' in stats and "data-refresh" in stats
    root = await client.get("/", allow_redirects=False)
    assert root.status == 303


async def test_page_errors_are_friendly_pages(client):
    user, actor, _ = await _signed_in(client)
    other = await factories.user()
    hidden = await factories.campaign(await actor_for(other, None))
    for path, status in (
        (f"/campaigns/{hidden.id}", 404),
        (f"/campaigns/{hidden.id}/logs/export?format=csv", 404),
        ("/campaigns/99999999999999999", 404),
        ("/nowhere", 404),
        ("/contacts/imports/5", 404),
    ):
        response = await client.get(path)
        assert response.status == status, path
        assert response.content_type == "text/html"
        assert "Back to Herald" in await response.text()
    bad_filter = await client.get("/campaigns?page=x")
    assert "page must be a whole number" in await bad_filter.text()


async def test_every_form_refuses_a_missing_or_wrong_csrf_token(client):
    user, actor, csrf = await _signed_in(client)
    campaign = await factories.ready_campaign(actor)
    account = await factories.account(actor)
    posts = [
        "/signout",
        "/workspace",
        "/campaigns/bulk",
        "/campaigns/new",
        f"/campaigns/{campaign.id}/edit",
        f"/campaigns/{campaign.id}/action/launch",
        f"/campaigns/{campaign.id}/flow/edit",
        f"/campaigns/{campaign.id}/flow/draw",
        f"/campaigns/{campaign.id}/contacts/add",
        f"/campaigns/{campaign.id}/contacts/remove",
        f"/campaigns/{campaign.id}/test-send",
        "/contacts",
        "/contacts/import",
        f"/accounts/{account.id}/test",
        "/org/settings",
        "/org/invitations",
        "/org/members/1/role",
        "/org/invitations/1/revoke",
        "/tokens",
        "/tokens/1/revoke",
    ]
    for path in posts:
        for data in ({}, {"csrf_token": "forged"}):
            response = await client.post(path, data=data)
            assert response.status == 403, (path, data)
            assert "expired" in await response.text()
    wrong_header = await client.post(
        f"/campaigns/{campaign.id}/flow/draw", data="{}", headers={"X-CSRF-Token": "nope"}
    )
    assert wrong_header.status == 403
    assert (await Campaign.get(id=campaign.id)).status.value == "draft"
    assert await ApiToken.all().count() == 0
    # and the same form with the token works
    ok = await client.post(
        f"/campaigns/{campaign.id}/action/launch", data={"csrf_token": csrf}, allow_redirects=False
    )
    assert ok.status == 303
    assert (await Campaign.get(id=campaign.id)).status.value == "active"


async def test_lead_supplied_text_is_escaped_everywhere(client):
    user, actor, _ = await _signed_in(client)
    flow = {
        "nodes": [
            {"id": "start", "type": "start"},
            {"id": "m1", "type": "send_message", "text": "Hi " + PAYLOAD},
            {"id": "end", "type": "end"},
        ],
        "edges": [{"from": "start", "to": "m1"}, {"from": "m1", "to": "end"}],
    }
    account = await factories.account(actor)
    campaign = await factories.campaign(
        actor,
        name="Camp " + PAYLOAD,
        description=PAYLOAD,
        flow=flow,
        telegram_account_id=account.id,
    )
    people = await factories.contacts(actor, 1)
    await Contact.filter(id=people[0].id).update(
        first_name=PAYLOAD, last_name=PAYLOAD, tags=[PAYLOAD], username="safe_name"
    )
    from core import campaigns

    await campaigns.add_contacts(actor, campaign.id, [people[0].id])
    execution_id = (await campaign.executions.all())[0].id
    await ExecutionLog.create(
        campaign_id=campaign.id,
        execution_id=execution_id,
        contact_id=people[0].id,
        kind="response_detected",
        node_id="m1",
        node_type="send_message",
        message_text=PAYLOAD,
        error=PAYLOAD,
    )
    await ContactImport.create(
        workspace=actor.workspace_key,
        created_by_id=user.id,
        filename=PAYLOAD + ".csv",
        status="done",
        skipped=[{"row": 2, "reason": PAYLOAD}],
    )
    job = await ContactImport.filter(workspace=actor.workspace_key).first()
    pages = [
        "/campaigns",
        f"/campaigns/{campaign.id}",
        f"/campaigns/{campaign.id}/flow",
        f"/campaigns/{campaign.id}/flow/edit",
        f"/campaigns/{campaign.id}/contacts",
        f"/campaigns/{campaign.id}/statistics?refresh=true",
        f"/campaigns/{campaign.id}/logs",
        f"/campaigns/{campaign.id}/preview",
        f"/campaigns/{campaign.id}/diagnose",
        "/contacts",
        f"/contacts/imports/{job.id}",
    ]
    for path in pages:
        text = await (await client.get(path)).text()
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text, path
    # the payload is shown, escaped, where it belongs
    assert "&lt;script&gt;" in await (await client.get(f"/campaigns/{campaign.id}/logs")).text()
    assert "&lt;script&gt;" in await (await client.get("/contacts")).text()
    csrf = await csrf_of(client)
    draw = await client.post(
        f"/campaigns/{campaign.id}/flow/draw",
        data=__import__("json").dumps(flow),
        headers={"X-CSRF-Token": csrf},
    )
    assert "<script>alert" not in (await draw.json())["svg"]


async def test_bulk_from_the_list_reports_each_campaign(client):
    user, actor, csrf = await _signed_in(client)
    ready = await factories.ready_campaign(actor)
    empty = await factories.campaign(actor)
    listing = await (await client.get("/campaigns")).text()
    assert 'data-actions="' in listing and "data-bulk-bar" in listing
    form = FormData()
    form.add_field("csrf_token", csrf)
    form.add_field("action", "launch")
    form.add_field("ids", str(ready.id))
    form.add_field("ids", str(empty.id))
    response = await client.post("/campaigns/bulk", data=form)
    text = await response.text()
    assert response.status == 200
    assert "1 of 2 done" in text and "Refused: Choose a Telegram account" in text
    nothing = await client.post(
        "/campaigns/bulk", data={"csrf_token": csrf, "action": "stop"}, allow_redirects=True
    )
    assert "Select at least one campaign" in await nothing.text()


async def test_lifecycle_buttons_and_launch_confirmation(client):
    user, actor, csrf = await _signed_in(client)
    campaign = await factories.ready_campaign(actor)
    base = f"/campaigns/{campaign.id}"
    launched = await client.post(base + "/action/launch", data={"csrf_token": csrf})
    assert "Campaign launched." in await launched.text()
    refused = await client.post(base + "/action/launch", data={"csrf_token": csrf})
    assert "already running" in await refused.text()
    await client.post(base + "/action/pause", data={"csrf_token": csrf})
    from models import Execution

    await Execution.filter(campaign_id=campaign.id).update(status="completed")
    ask = await client.post(base + "/action/launch", data={"csrf_token": csrf})
    assert "restart completed leads?" in await ask.text()
    done = await client.post(
        base + "/action/launch", data={"csrf_token": csrf, "restart_completed": "no"}
    )
    assert "Campaign launched." in await done.text()
    assert await Execution.filter(campaign_id=campaign.id, status="completed").count() == 3
    dup = await client.post(base + "/action/duplicate", data={"csrf_token": csrf})
    assert "(Copy)" in await dup.text()
    bogus = await client.post(base + "/action/explode", data={"csrf_token": csrf})
    assert bogus.status == 404
    edited = await client.post(
        base + "/edit",
        data={"csrf_token": csrf, "name": "Renamed", "description": "d", "timezone": "Mars/X"},
    )
    assert "Unknown timezone" in await edited.text()


async def test_flow_editor_validates_naming_nodes_and_draws(client):
    user, actor, csrf = await _signed_in(client)
    campaign = await factories.campaign(actor)
    base = f"/campaigns/{campaign.id}"
    broken = (
        '{"nodes": [{"id": "start", "type": "start"}, {"id": "w", "type": "wait_for_reply"}], '
        '"edges": [{"from": "start", "to": "w"}]}'
    )
    response = await client.post(base + "/flow/edit", data={"csrf_token": csrf, "flow": broken})
    text = await response.text()
    assert response.status == 422
    assert "w: " in text  # the problem names the node
    assert (await Campaign.get(id=campaign.id)).flow == factories.SIMPLE_FLOW
    not_json = await client.post(base + "/flow/edit", data={"csrf_token": csrf, "flow": "{"})
    assert not_json.status == 422 and "not valid JSON" in await not_json.text()
    new_flow = factories.SIMPLE_FLOW | {
        "nodes": [*factories.SIMPLE_FLOW["nodes"][:2], {"id": "bye", "type": "end"}],
        "edges": [{"from": "start", "to": "hello"}, {"from": "hello", "to": "bye"}],
    }
    import json

    saved = await client.post(
        base + "/flow/edit", data={"csrf_token": csrf, "flow": json.dumps(new_flow)}
    )
    assert "Flow saved." in await saved.text()
    assert (await Campaign.get(id=campaign.id)).flow == new_flow
    drawn = await client.post(base + "/flow/draw", data=broken, headers={"X-CSRF-Token": csrf})
    body = await drawn.json()
    assert 'data-node="w"' in body["svg"] and "problem" in body["svg"]
    assert any(p.startswith("w: ") for p in body["problems"])
    await Campaign.filter(id=campaign.id).update(status="active")
    active = await client.post(
        base + "/flow/edit", data={"csrf_token": csrf, "flow": json.dumps(new_flow)}
    )
    assert active.status == 409 and "pause the campaign first" in await active.text()


async def test_campaign_contacts_add_and_remove(client):
    user, actor, csrf = await _signed_in(client)
    campaign = await factories.campaign(actor)
    people = await factories.contacts(actor, 3)
    await Contact.filter(id=people[0].id).update(tags=["vip"])
    base = f"/campaigns/{campaign.id}/contacts"
    tagged = await client.post(
        base + "/add", data={"csrf_token": csrf, "source": "tag", "tag": "vip"}
    )
    assert "1 added" in await tagged.text()
    everyone = await client.post(base + "/add", data={"csrf_token": csrf, "source": "all"})
    assert "2 added, 1 already in the campaign" in await everyone.text()
    bad = await client.post(
        base + "/add", data={"csrf_token": csrf, "source": "ids", "contact_ids": "1, x"}
    )
    assert "is not an id" in await bad.text()
    removed = await client.post(
        base + "/remove", data={"csrf_token": csrf, "contact_ids": str(people[1].id)}
    )
    assert "1 removed." in await removed.text()


async def test_preview_and_test_send_say_when_it_goes_out(client):
    user, actor, csrf = await _signed_in(client)
    campaign = await factories.ready_campaign(actor)
    page = await (await client.get(f"/campaigns/{campaign.id}/preview")).text()
    assert "Hi Lead" in page and "once the engine runs" in page
    sent = await client.post(
        f"/campaigns/{campaign.id}/test-send", data={"csrf_token": csrf, "node_id": "hello"}
    )
    assert "Test send recorded" in await sent.text()
    assert await AccountCommand.filter(kind="test_send").count() == 1
    missing = await client.get(f"/campaigns/{campaign.id}/preview?contact_id=999999")
    assert missing.status == 200 and "Contact not found" in await missing.text()


async def test_new_campaign_form(client):
    user, actor, csrf = await _signed_in(client)
    form = {
        "csrf_token": csrf,
        "name": "Fresh",
        "description": "",
        "timezone": "UTC",
        "account_id": "",
        "flow": "",
    }
    created = await client.post("/campaigns/new", data=form)
    assert "created as a draft" in await created.text()
    invalid = await client.post("/campaigns/new", data=form | {"name": "", "flow": "[1"})
    assert invalid.status == 422 and "not valid JSON" in await invalid.text()


async def test_contacts_add_and_import_with_progress(client):
    user, actor, csrf = await _signed_in(client)
    added = await client.post(
        "/contacts",
        data={"csrf_token": csrf, "first_name": "Ann", "username": "ann_smith", "tags": "a, b"},
    )
    assert "Contact added." in await added.text()
    bad = await client.post("/contacts", data={"csrf_token": csrf, "first_name": "X"})
    assert "needs a Telegram id" in await bad.text()
    rows = "first_name,username\n" + "".join(f"P{i},person_{i:05d}\n" for i in range(4500))
    rows += "Broken,!!\n"
    form = FormData()
    form.add_field("csrf_token", csrf)
    form.add_field("file", rows.encode(), filename="leads.csv", content_type="text/csv")
    response = await client.post("/contacts/import", data=form)
    assert response.status == 200
    assert "/contacts/imports/" in str(response.url)
    for task in list(client.app[__import__("panel.keys").keys.TASKS]):
        await task
    job = await ContactImport.filter(workspace=actor.workspace_key).order_by("-id").first()
    report = await (await client.get(f"/contacts/imports/{job.id}")).text()
    assert "<b>4500</b> created" in report and "4502" in report
    empty = FormData()
    empty.add_field("csrf_token", csrf)
    nofile = await client.post("/contacts/import", data=empty)
    assert "Choose a CSV or XLSX file" in await nofile.text()
    garbage = FormData()
    garbage.add_field("csrf_token", csrf)
    garbage.add_field("file", b"\x00\x01\x02", filename="x.xlsx")
    broken = await client.post("/contacts/import", data=garbage)
    assert "flash error" in await broken.text()


async def test_accounts_page_and_health_check(client):
    user, actor, csrf = await _signed_in(client)
    account = await factories.account(actor)
    page = await (await client.get("/accounts")).text()
    assert account.phone in page and "0 / 30" in page
    done = await client.post(f"/accounts/{account.id}/test", data={"csrf_token": csrf})
    assert "Health check requested" in await done.text()
    assert await AccountCommand.filter(kind="health_check").count() == 1


async def test_workspace_switcher_and_organization_page(client):
    owner, _, csrf = await _signed_in(client)
    org = await factories.organization(owner)
    member, _ = await factories.member(org, Role.MEMBER)
    switched = await client.post(
        "/workspace", data={"csrf_token": csrf, "organization_id": str(org.id)}
    )
    assert f"{org.name}" in await switched.text()
    page = await (await client.get("/org")).text()
    assert "Members" in page and "Turn admin view on" in page
    await client.post("/org/settings", data={"csrf_token": csrf, "admin_view": "on"})
    assert (await Organization.get(id=org.id)).admin_view_enabled is True
    await client.post(
        "/org/settings", data={"csrf_token": csrf, "name": "Renamed", "description": ""}
    )
    assert (await Organization.get(id=org.id)).name == "Renamed"
    invited = await client.post("/org/invitations", data={"csrf_token": csrf, "role": "admin"})
    assert "/start inv_" in await invited.text()
    invitation = await Invitation.get(organization_id=org.id)
    await client.post(f"/org/invitations/{invitation.id}/revoke", data={"csrf_token": csrf})
    assert (await Invitation.get(id=invitation.id)).revoked_at is not None
    changed = await client.post(
        f"/org/members/{member.id}/role", data={"csrf_token": csrf, "role": "admin"}
    )
    assert "Role changed." in await changed.text()
    to_owner = await client.post(
        f"/org/members/{member.id}/role", data={"csrf_token": csrf, "role": "owner"}
    )
    assert "transferring ownership" in await to_owner.text()
    removed = await client.post(f"/org/members/{member.id}/remove", data={"csrf_token": csrf})
    assert "Member removed." in await removed.text()
    outsider_org = await factories.organization(await factories.user())
    hidden = await client.post(
        "/workspace", data={"csrf_token": csrf, "organization_id": str(outsider_org.id)}
    )
    assert hidden.status == 404


async def test_member_sees_no_org_management_buttons(client):
    owner = await factories.user()
    org = await factories.organization(owner)
    member, _ = await factories.member(org, Role.MEMBER)
    csrf = await sign_in(client, member)
    await client.post("/workspace", data={"csrf_token": csrf, "organization_id": str(org.id)})
    page = await (await client.get("/org")).text()
    assert "Create invite link" not in page and "Turn admin view" not in page
    refused = await client.post("/org/settings", data={"csrf_token": csrf, "admin_view": "on"})
    assert "may not" in await refused.text()
    assert (await Organization.get(id=org.id)).admin_view_enabled is False


async def test_tokens_shown_once_and_revoked(client):
    user, _, csrf = await _signed_in(client)
    created = await client.post("/tokens", data={"csrf_token": csrf, "name": "CRM"})
    text = await created.text()
    secret = re.search(r'id="new-token">([^<]+)<', text).group(1)
    assert secret.startswith("hrld_")
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status == 200
    listing = await (await client.get("/tokens")).text()
    assert secret not in listing and "CRM" in listing
    token = await ApiToken.get(user_id=user.id)
    await client.post(
        f"/tokens/{token.id}/revoke", data={"csrf_token": CSRF.search(listing).group(1)}
    )
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status == 401
    missing = await client.post("/tokens/999/revoke", data={"csrf_token": csrf})
    assert missing.status == 404


async def test_connect_an_account_pages(client):
    user, actor, csrf = await _signed_in(client)
    page = await (await client.get("/accounts")).text()
    assert 'href="/accounts/connect"' in page
    start = await client.get("/accounts/connect")
    text = await start.text()
    assert start.status == 200 and "Show QR code" in text and "Session string" in text
    bad_phone = await client.post(
        "/accounts/connect/phone", data={"csrf_token": csrf, "phone": "not a phone"}
    )
    assert bad_phone.status == 200 and "flash error" in await bad_phone.text()
    bad_session = await client.post(
        "/accounts/connect/session", data={"csrf_token": csrf, "session_string": "<b>nope"}
    )
    text = await bad_session.text()
    assert bad_session.status == 200 and "flash error" in text and "<b>nope" not in text
    expired = await client.post(
        "/accounts/connect/code", data={"csrf_token": csrf, "flow_id": "gone", "code": "1 2 3"}
    )
    assert "expired" in await expired.text()
    assert (await client.get("/accounts/connect/qr/gone.png")).status == 404
    cancelled = await client.post(
        "/accounts/connect/cancel", data={"csrf_token": csrf, "flow_id": "gone"}
    )
    assert "cancelled" in await cancelled.text()
    refused = await client.post("/accounts/connect/session", data={"session_string": "x"})
    assert refused.status == 403
