"""The JSON API under /api/v1 (SPEC §10): bearer tokens, the workspace from the
X-Organization-Id header, errors as {"error": {"code", "message"}}; every rule in core/."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from core import campaigns, contacts, diagnose, logs, preview, statistics, workspaces
from core.credentials import user_for_api_token
from core.errors import HeraldError, Invalid, NotFound
from core.permissions import Action, Actor
from models import ContactSource, User
from panel import keys
from panel.inputs import (
    INT32,
    INT64,
    id_list,
    json_body,
    optional_bool,
    path_id,
    query_bool,
    query_int,
    query_text,
)
from panel.serialize import (
    account_json,
    bulk_json,
    campaign_json,
    change_json,
    contact_json,
    organization_json,
)

PREFIX = "/api/v1"
routes = web.RouteTableDef()
MAX_UPLOAD = 50 * 1024 * 1024


class Unauthorized(HeraldError):
    kind = "unauthorized"
    http_status = 401


async def api_user(request: web.Request) -> User:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("Send an API token as Authorization: Bearer <token>.")
    user = await user_for_api_token(secret.strip())
    if user is None:
        raise Unauthorized("The API token is unknown or revoked.")
    return user


async def api_actor(request: web.Request) -> Actor:
    user = await api_user(request)
    raw = request.headers.get("X-Organization-Id", "").strip()
    if not raw:
        return Actor(user_id=user.id)
    if not raw.isdigit() or not 0 < int(raw) <= INT32:
        raise NotFound("Organization not found.")
    return await workspaces.actor_for(user, int(raw))


async def _campaign_out(actor: Actor, campaign, status: int = 200) -> web.Response:
    return web.json_response(
        campaign_json(campaign, await campaigns.allowed_actions(actor, campaign)), status=status
    )


# ---------------------------------------------------------------- me


@routes.get(PREFIX + "/me")
async def me(request: web.Request) -> web.Response:
    user = await api_user(request)
    choices = await workspaces.workspaces_of(user)
    return web.json_response(
        {
            "id": user.id,
            "telegram_id": user.telegram_id,
            "name": user.name,
            "username": user.username,
            "organizations": [
                {"id": c.organization_id, "name": c.name, "role": c.role.value if c.role else None}
                for c in choices
                if c.organization_id is not None
            ],
        }
    )


# ---------------------------------------------------------------- campaigns


@routes.get(PREFIX + "/campaign-flows")
async def list_campaign_flows(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    view_mode = request.query.get("view_mode") or "own"
    if view_mode not in ("own", "all"):
        raise Invalid("view_mode must be own or all.")
    page = await campaigns.list_campaigns(
        actor,
        view_mode=view_mode,
        status=query_text(request, "status", 16),
        q=query_text(request, "q"),
        deleted=query_bool(request, "deleted"),
        page=query_int(request, "page", 1),
        per_page=query_int(request, "per_page", 20, high=100),
    )
    items = [campaign_json(c, await campaigns.allowed_actions(actor, c)) for c in page.items]
    return web.json_response(
        {
            "items": items,
            "total": page.total,
            "page": page.page,
            "per_page": page.per_page,
            "view_mode": page.view_mode,
        }
    )


@routes.post(PREFIX + "/campaign-flows")
async def create_campaign_flow(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    data = await json_body(request)
    contact_ids = data.pop("contact_ids", None)
    if contact_ids is not None:
        id_list(contact_ids, "contact_ids")
    campaign = await campaigns.create_campaign(actor, data)
    if contact_ids:
        await campaigns.add_contacts(actor, campaign.id, contact_ids)
    return await _campaign_out(actor, campaign, 201)


@routes.post(PREFIX + "/campaign-flows/bulk")
async def bulk(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    data = await json_body(request)
    ids = data.get("ids")
    if isinstance(ids, list):
        # Ids beyond the column's range cannot exist: ask for id 0 (never found) instead.
        safe = [
            0 if isinstance(i, int) and not isinstance(i, bool) and not 0 < i <= INT32 else i
            for i in ids
        ]
        results = await campaigns.bulk_action(actor, data.get("action"), safe)
        for original, result in zip(ids, results, strict=True):
            result.id = original
    else:
        results = await campaigns.bulk_action(actor, data.get("action"), ids)
    return web.json_response(bulk_json(results))


@routes.get(PREFIX + r"/campaign-flows/{id:\d+}")
async def get_campaign_flow(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    campaign = await campaigns.load_campaign(actor, path_id(request))
    return await _campaign_out(actor, campaign)


@routes.patch(PREFIX + r"/campaign-flows/{id:\d+}")
async def edit_campaign_flow(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    campaign_id = path_id(request)
    await campaigns.load_campaign(actor, campaign_id)  # visibility before the body
    campaign = await campaigns.edit_campaign(actor, campaign_id, await json_body(request))
    return await _campaign_out(actor, campaign)


@routes.delete(PREFIX + r"/campaign-flows/{id:\d+}")
async def delete_campaign_flow(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    return await _campaign_out(actor, await campaigns.delete(actor, path_id(request)))


def _lifecycle(name: str, action):
    async def handler(request: web.Request) -> web.Response:
        actor = await api_actor(request)
        campaign_id = path_id(request)
        if name == "launch":
            await campaigns.load_campaign(actor, campaign_id)
            body = await json_body(request, optional=True)
            restart = optional_bool(body, "restart_completed", True)
            campaign = await campaigns.launch(actor, campaign_id, restart_completed=bool(restart))
        else:
            campaign = await action(actor, campaign_id)
        return await _campaign_out(actor, campaign)

    handler.__name__ = name.replace("-", "_")
    return handler


LIFECYCLE = {
    "restore": campaigns.restore,
    "launch": campaigns.launch,
    "pause": campaigns.pause,
    "stop": campaigns.stop,
    "cancel-schedule": campaigns.cancel_schedule,
    "enable": campaigns.enable,
    "disable": campaigns.disable,
}
for _name, _action in LIFECYCLE.items():
    routes.post(PREFIX + rf"/campaign-flows/{{id:\d+}}/{_name}")(_lifecycle(_name, _action))


@routes.post(PREFIX + r"/campaign-flows/{id:\d+}/duplicate")
async def duplicate(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    return await _campaign_out(actor, await campaigns.duplicate(actor, path_id(request)), 201)


# ---------------------------------------------------------------- leads of a campaign


@routes.get(PREFIX + r"/campaign-flows/{id:\d+}/contacts")
async def campaign_contacts(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    page = await logs.list_executions(
        actor,
        path_id(request),
        status=query_text(request, "status", 16),
        q=query_text(request, "q"),
        page=query_int(request, "page", 1),
        per_page=query_int(request, "per_page", 50, high=200),
    )
    return web.json_response(
        {"items": page.items, "total": page.total, "page": page.page, "per_page": page.per_page}
    )


async def _contact_ids(request: web.Request, campaign_id: int, action: Action) -> list[int]:
    actor = await api_actor(request)
    await campaigns.load_campaign(actor, campaign_id, action)
    data = await json_body(request)
    return id_list(data.get("contact_ids"), "contact_ids")


@routes.post(PREFIX + r"/campaign-flows/{id:\d+}/contacts")
async def add_campaign_contacts(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    campaign_id = path_id(request)
    ids = await _contact_ids(request, campaign_id, Action.ADD_CONTACTS)
    change = await campaigns.add_contacts(actor, campaign_id, ids)
    return web.json_response(change_json(change))


@routes.delete(PREFIX + r"/campaign-flows/{id:\d+}/contacts")
async def remove_campaign_contacts(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    campaign_id = path_id(request)
    ids = await _contact_ids(request, campaign_id, Action.REMOVE_CONTACTS)
    change = await campaigns.remove_contacts(actor, campaign_id, ids)
    return web.json_response(change_json(change))


# ---------------------------------------------------------------- statistics and helpers


@routes.get(PREFIX + r"/campaign-flows/{id:\d+}/statistics")
async def campaign_statistics(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    campaign = await campaigns.load_campaign(actor, path_id(request))
    data = await statistics.get_campaign_statistics(
        campaign.id, refresh=query_bool(request, "refresh")
    )
    return web.json_response(data)


@routes.get(PREFIX + r"/campaign-flows/{id:\d+}/diagnose")
async def campaign_diagnose(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    checks = await diagnose.diagnose(actor, path_id(request))
    return web.json_response({"checks": [c.as_dict() for c in checks]})


@routes.get(PREFIX + r"/campaign-flows/{id:\d+}/preview")
async def campaign_preview(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    campaign_id = path_id(request)
    await campaigns.load_campaign(actor, campaign_id)
    contact_id = request.query.get("contact_id")
    if contact_id and (not contact_id.isdigit() or not 0 < int(contact_id) <= INT64):
        raise Invalid("contact_id must be a contact id.")
    result = await preview.preview(actor, campaign_id, contact_id)
    return web.json_response(result.as_dict())


@routes.post(PREFIX + r"/campaign-flows/{id:\d+}/test-send")
async def campaign_test_send(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    campaign_id = path_id(request)
    await campaigns.load_campaign(actor, campaign_id, Action.EDIT)
    body = await json_body(request, optional=True)
    contact_id, node_id = body.get("contact_id"), body.get("node_id")
    if contact_id is not None and (
        not isinstance(contact_id, int) or isinstance(contact_id, bool) or contact_id <= 0
    ):
        raise Invalid("contact_id must be a contact id.")
    if node_id is not None and not isinstance(node_id, str):
        raise Invalid("node_id must be a node id.")
    command = await preview.record_test_send(actor, campaign_id, contact_id, node_id)
    return web.json_response(
        {
            "command_id": command.id,
            "status": command.status,
            "text": command.payload.get("text"),
            "note": "Recorded: the account's runner sends it to the account's Saved Messages "
            "once the engine runs.",
        },
        status=202,
    )


@routes.get(PREFIX + r"/campaign-flows/{id:\d+}/logs")
async def campaign_logs(request: web.Request) -> web.StreamResponse:
    actor = await api_actor(request)
    campaign_id = path_id(request)
    await campaigns.load_campaign(actor, campaign_id)
    flt = logs.parse_log_filter(request.query)
    fmt = request.query.get("format")
    if fmt in (None, ""):
        page = await logs.list_logs(
            actor,
            campaign_id,
            flt,
            page=query_int(request, "page", 1),
            per_page=query_int(request, "per_page", 50, high=200),
        )
        return web.json_response(
            {
                "items": page.items,
                "page": page.page,
                "per_page": page.per_page,
                "has_more": page.has_more,
            }
        )
    return await stream_logs(request, actor, campaign_id, flt, logs.parse_format(fmt))


async def stream_logs(
    request: web.Request, actor: Actor, campaign_id: int, flt: logs.LogFilter, fmt: str
) -> web.StreamResponse:
    """The export, written batch by batch as it is read: memory stays flat."""
    batches = await logs.iter_logs(actor, campaign_id, flt)
    response = web.StreamResponse(
        headers={
            "Content-Type": logs.CONTENT_TYPES[fmt],
            "Content-Disposition": f'attachment; filename="campaign-{campaign_id}-logs.{fmt}"',
            "Cache-Control": "no-store",
        }
    )
    await response.prepare(request)
    async for chunk in logs.export_chunks(batches, fmt):  # type: ignore[arg-type]
        await response.write(chunk)
    await response.write_eof()
    return response


# ---------------------------------------------------------------- contacts


@routes.get(PREFIX + "/contacts")
async def list_workspace_contacts(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    page = await contacts.list_contacts(
        actor,
        q=query_text(request, "q"),
        status=query_text(request, "status", 16),
        tag=query_text(request, "tag", 100),
        page=query_int(request, "page", 1),
        per_page=query_int(request, "per_page", 50, high=200),
    )
    return web.json_response(
        {
            "items": [contact_json(c) for c in page.items],
            "total": page.total,
            "page": page.page,
            "per_page": page.per_page,
        }
    )


@routes.post(PREFIX + "/contacts")
async def save_workspace_contact(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    data = await json_body(request)
    contact, created = await contacts.save_contact(actor, data, ContactSource.API)
    return web.json_response(
        {**contact_json(contact), "created": created}, status=201 if created else 200
    )


async def read_upload(request: web.Request) -> tuple[bytes, str]:
    """The file of a multipart upload (field `file`), or a raw CSV/XLSX body with
    ?filename=."""
    if request.content_type == "multipart/form-data":
        try:
            reader = await request.multipart()
            async for part in reader:
                if getattr(part, "name", None) == "file":
                    data = await part.read(decode=False)  # type: ignore[union-attr]
                    if len(data) > MAX_UPLOAD:
                        raise Invalid("The file is larger than 50 MB.")
                    return bytes(data), part.filename or "contacts.csv"  # type: ignore[union-attr]
        except (ValueError, HttpProcessingError):
            raise Invalid("The upload could not be read: it is malformed.") from None
        raise Invalid("Send the file in a form field named file.")
    data = await request.read()
    if not data:
        raise Invalid("Send a CSV or XLSX file.")
    name = request.query.get("filename") or (
        "contacts.xlsx" if "spreadsheet" in request.content_type else "contacts.csv"
    )
    return data, name[:255]


@routes.post(PREFIX + "/contacts/import")
async def import_workspace_contacts(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    data, filename = await read_upload(request)
    report = await contacts.import_contacts(actor, data, filename, source=ContactSource.API)
    return web.json_response(report.as_dict())


# ---------------------------------------------------------------- accounts


async def account_health(account) -> dict[str, Any]:
    usage = await diagnose.account_usage(account)
    lease = await diagnose.lease_of(account.id)
    check = diagnose.account_health(account)
    return {
        "healthy": check.ok,
        "health": check.text,
        "usage": {
            "new_conversations_today": usage.new_today,
            "new_conversations_limit": usage.new_limit,
            "messages_this_hour": usage.sent_this_hour,
            "hourly_limit": usage.hourly_limit,
            "next_send_at": usage.next_send_at.isoformat() if usage.next_send_at else None,
        },
        "lease_owner": lease.owner if lease else None,
    }


@routes.get(PREFIX + "/telegram-accounts")
async def list_accounts(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    items = [
        account_json(a, await account_health(a)) for a in await diagnose.visible_accounts(actor)
    ]
    return web.json_response({"items": items})


@routes.post(PREFIX + r"/telegram-accounts/{id:\d+}/test")
async def test_account(request: web.Request) -> web.Response:
    actor = await api_actor(request)
    command_id = await diagnose.request_account_test(actor, path_id(request))
    return web.json_response(
        {
            "command_id": command_id,
            "status": "pending",
            "note": "The account's runner checks the connection within seconds once the "
            "engine runs.",
        },
        status=202,
    )


# ---------------------------------------------------------------- organizations


@routes.get(PREFIX + r"/organizations/{id:\d+}")
async def get_organization(request: web.Request) -> web.Response:
    user = await api_user(request)
    actor = await workspaces.actor_for(user, path_id(request))
    from models import Organization

    org = await Organization.get(id=actor.organization_id)
    return web.json_response(organization_json(org, actor.role.value if actor.role else None))


@routes.patch(PREFIX + r"/organizations/{id:\d+}")
async def patch_organization(request: web.Request) -> web.Response:
    user = await api_user(request)
    actor = await workspaces.actor_for(user, path_id(request))
    data = await json_body(request)
    unknown = set(data) - {"name", "description", "admin_view_enabled"}
    if unknown:
        raise Invalid(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            raise Invalid(f"{key} must be text.")
    org = await workspaces.update_organization(
        actor,
        name=data.get("name"),
        description=data.get("description"),
        admin_view_enabled=optional_bool(data, "admin_view_enabled"),
    )
    return web.json_response(organization_json(org, actor.role.value if actor.role else None))


@routes.get(PREFIX + "/openapi.json")
async def openapi_document(request: web.Request) -> web.Response:
    from panel.openapi import document

    base = request.app[keys.SETTINGS].panel.base_url.rstrip("/")
    return web.json_response(document(base))
