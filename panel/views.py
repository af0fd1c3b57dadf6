"""The panel's pages: server-rendered, readable without JavaScript, each one a call into
core/ for every rule (the page only decides how to show the answer)."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web

from core import campaigns, contacts, diagnose, logs, preview, statistics, workspaces
from core.credentials import consume_signin_token, create_api_token, revoke_api_token
from core.errors import HeraldError, Invalid, NotFound
from core.flows import check_flow, parse_flow
from core.permissions import Action, Actor, OrgAction, check_member_change, check_org
from models import ApiToken, Campaign, ContactImport, Invitation, Membership, Organization, Role
from panel import keys, svg
from panel.api import MAX_UPLOAD, account_health, stream_logs
from panel.inputs import INT32, INT64, path_id, query_bool, query_int, query_text, read_form
from panel.serialize import campaign_json
from panel.sessions import new_session

routes = web.RouteTableDef()
CAMPAIGN = r"/campaigns/{id:\d+}"
TABS = (
    ("overview", "Overview", ""),
    ("flow", "Flow", "/flow"),
    ("contacts", "Contacts", "/contacts"),
    ("statistics", "Statistics", "/statistics"),
    ("logs", "Logs", "/logs"),
    ("diagnose", "Diagnose", "/diagnose"),
    ("preview", "Preview & test", "/preview"),
)
ACTION_LABELS = {
    "launch": "Launch",
    "pause": "Pause",
    "stop": "Stop",
    "cancel_schedule": "Cancel schedule",
    "duplicate": "Duplicate",
    "enable": "Enable",
    "disable": "Disable",
    "delete": "Delete",
    "restore": "Restore",
}
DESTRUCTIVE = {"stop", "delete", "disable"}
BULK_LABELS = {
    "launch": "Launch",
    "pause": "Pause",
    "stop": "Stop",
    "enable": "Enable",
    "disable": "Disable",
    "delete": "Delete",
    "restore": "Restore",
}


def _when(value: Any) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{value:%Y-%m-%d %H:%M}"


def _pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


FILTERS = {"when": _when, "pretty_json": _pretty_json}


# ---------------------------------------------------------------- context and helpers


async def page_actor(request: web.Request) -> Actor:
    actor = request.get(keys.ACTOR)
    if actor is None:
        actor = await workspaces.current_actor(request[keys.USER])
        request[keys.ACTOR] = actor
    return actor


async def base_context(request: web.Request) -> dict[str, Any]:
    user = request.get(keys.USER)
    session = request.get(keys.SESSION)
    context: dict[str, Any] = {
        "user": user,
        "csrf_token": session.get("csrf", "") if session else "",
        "flash": None,
        "workspaces": [],
        "actor": None,
        "workspace_name": "",
        "path": request.path,
    }
    if user is None:
        return context
    actor = await page_actor(request)
    choices = await workspaces.workspaces_of(user)
    context["workspaces"] = choices
    context["actor"] = actor
    context["workspace_name"] = next(
        (c.name for c in choices if c.organization_id == actor.organization_id), "Personal"
    )
    if session and session.get("flash"):
        context["flash"] = session.pop("flash")
    return context


def flash(request: web.Request, text: str, kind: str = "ok") -> None:
    session = request.get(keys.SESSION)
    if session is not None:
        session["flash"] = {"kind": kind, "text": text[:500]}


def back(location: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(location)


async def form_data(request: web.Request) -> Any:
    return await read_form(request)


def form_text(form: Any, name: str, limit: int = 10_000) -> str:
    value = form.get(name, "")
    if not isinstance(value, str):
        raise Invalid(f"{name} must be text.")
    if len(value) > limit:
        raise Invalid(f"{name} is longer than {limit} characters.")
    return value


def form_ids(form: Any, name: str, limit: int = INT64) -> list[int]:
    ids = []
    for raw in form.getall(name, []):
        for piece in str(raw).replace(",", " ").split():
            if not piece.isdigit() or not 0 < int(piece) <= limit:
                raise Invalid(f"{piece[:20]!r} is not an id.")
            ids.append(int(piece))
    return ids


def _link(path: str, **params: Any) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(clean)}" if clean else path


# ---------------------------------------------------------------- sign-in


@routes.get("/")
async def home(request: web.Request) -> web.StreamResponse:
    if request[keys.USER] is not None:
        raise back("/campaigns")
    return aiohttp_jinja2.render_template("signed_out.html", request, {"signed_out": False})


@routes.get("/signin/{token}")
async def signin_page(request: web.Request) -> web.StreamResponse:
    """A page with one button: link previews and prefetchers only GET, so the one-time
    token is spent only by a person pressing it."""
    return aiohttp_jinja2.render_template(
        "signin.html", request, {"token": request.match_info["token"]}
    )


@routes.post("/signin/{token}")
async def signin(request: web.Request) -> web.StreamResponse:
    user = await consume_signin_token(request.match_info["token"][:200])
    if user is None:
        return aiohttp_jinja2.render_template(
            "error.html",
            request,
            {
                "status": 401,
                "message": "This sign-in link was already used or has expired. "
                "Send /panel to the bot for a new one.",
            },
            status=401,
        )
    request[keys.SESSION] = new_session(user.id)
    request[keys.USER] = user
    raise back("/campaigns")


@routes.post("/signout")
async def signout(request: web.Request) -> web.StreamResponse:
    request[keys.SESSION] = None
    raise back("/signed-out")


@routes.get("/signed-out")
async def signed_out(request: web.Request) -> web.StreamResponse:
    return aiohttp_jinja2.render_template("signed_out.html", request, {"signed_out": True})


@routes.post("/workspace")
async def switch(request: web.Request) -> web.StreamResponse:
    form = await form_data(request)
    raw = form_text(form, "organization_id", 20)
    org_id = int(raw) if raw.isdigit() and 0 < int(raw) <= INT32 else None
    if raw and org_id is None:
        raise NotFound("Organization not found.")
    actor = await workspaces.switch_workspace(request[keys.USER], org_id)
    request[keys.ACTOR] = actor
    raise back("/campaigns")


# ---------------------------------------------------------------- campaigns list


@routes.get("/campaigns")
async def campaign_list(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    view_mode = request.query.get("view_mode") or "own"
    status = query_text(request, "status", 16)
    q = query_text(request, "q")
    deleted = query_bool(request, "deleted")
    try:
        page = await campaigns.list_campaigns(
            actor,
            view_mode=view_mode if view_mode in ("own", "all") else "own",
            status=status,
            q=q,
            deleted=deleted,
            page=query_int(request, "page", 1),
            per_page=query_int(request, "per_page", 20, high=100),
        )
    except Invalid as exc:
        flash(request, exc.message, "error")
        raise back("/campaigns") from None
    rows = []
    for c in page.items:
        rows.append({"campaign": c, "actions": await campaigns.allowed_actions(actor, c)})
    pages = max(1, -(-page.total // page.per_page))
    filters = {"view_mode": page.view_mode, "status": status, "q": q, "deleted": deleted}
    return aiohttp_jinja2.render_template(
        "campaigns.html",
        request,
        {
            "rows": rows,
            "page": page,
            "pages": pages,
            "filters": filters,
            "statuses": [s.value for s in Campaign._meta.fields_map["status"].enum_type],
            "bulk_labels": BULK_LABELS,
            "prev_link": _link("/campaigns", **filters, page=page.page - 1)
            if page.page > 1
            else None,
            "next_link": _link("/campaigns", **filters, page=page.page + 1)
            if page.page < pages
            else None,
            "asked_all": view_mode == "all",
        },
    )


@routes.post("/campaigns/bulk")
async def campaign_bulk(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    form = await form_data(request)
    action = form_text(form, "action", 32)
    ids = form_ids(form, "ids", INT32)
    if not ids:
        flash(request, "Select at least one campaign first.", "error")
        raise back("/campaigns")
    results = await campaigns.bulk_action(actor, action, ids)
    names = {c.id: c.name for c in await Campaign.filter(id__in=ids).only("id", "name")}
    return aiohttp_jinja2.render_template(
        "bulk_results.html",
        request,
        {
            "action": BULK_LABELS.get(action, action),
            "results": results,
            "names": names,
            "succeeded": sum(1 for r in results if r.ok),
        },
    )


# ---------------------------------------------------------------- new campaign

STARTER_FLOW = {
    "nodes": [
        {"id": "start", "type": "start"},
        {"id": "hello", "type": "send_message", "text": "Hi {{ first_name | default('there') }}!"},
        {"id": "end", "type": "end"},
    ],
    "edges": [{"from": "start", "to": "hello"}, {"from": "hello", "to": "end"}],
}


@routes.get("/campaigns/new")
async def new_campaign_page(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    return aiohttp_jinja2.render_template(
        "campaign_new.html",
        request,
        {
            "accounts": await diagnose.visible_accounts(actor),
            "flow_text": _pretty_json(STARTER_FLOW),
            "values": {},
            "problems": [],
        },
    )


@routes.post("/campaigns/new")
async def new_campaign(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    form = await form_data(request)
    values = {k: form_text(form, k) for k in ("name", "description", "timezone", "account_id")}
    flow_text = form_text(form, "flow", 500_000)
    problems: list[str] = []
    try:
        flow = json.loads(flow_text) if flow_text.strip() else {}
    except ValueError as exc:
        problems.append(f"The flow is not valid JSON: {exc}.")
        flow = None
    if not problems:
        data: dict[str, Any] = {
            "name": values["name"],
            "description": values["description"],
            "timezone": values["timezone"] or "UTC",
            "flow": flow,
        }
        if values["account_id"].isdigit():
            data["telegram_account_id"] = min(int(values["account_id"]), INT32)
        try:
            campaign = await campaigns.create_campaign(actor, data)
        except HeraldError as exc:
            problems.extend(_problem_lines(exc))
        else:
            flash(request, f"Campaign “{campaign.name}” created as a draft.")
            raise back(f"/campaigns/{campaign.id}")
    return aiohttp_jinja2.render_template(
        "campaign_new.html",
        request,
        {
            "accounts": await diagnose.visible_accounts(actor),
            "flow_text": flow_text,
            "values": values,
            "problems": problems,
        },
        status=422,
    )


def _problem_lines(exc: HeraldError) -> list[str]:
    problems = getattr(exc, "problems", None)
    if problems:
        return [f"{p.node_id}: {p.message}" if p.node_id else p.message for p in problems]
    return [exc.message]


# ---------------------------------------------------------------- one campaign


async def _campaign_page(
    request: web.Request, tab: str, extra: dict[str, Any], status: int = 200
) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign = extra.pop("campaign", None) or await campaigns.load_campaign(actor, path_id(request))
    actions = await campaigns.allowed_actions(actor, campaign)
    account = None
    if campaign.telegram_account_id:  # type: ignore[attr-defined]
        from models import TelegramAccount

        account = await TelegramAccount.get_or_none(id=campaign.telegram_account_id)  # type: ignore[attr-defined]
    return aiohttp_jinja2.render_template(
        "campaign.html",
        request,
        {
            "campaign": campaign,
            "account": account,
            "actions": actions,
            "action_buttons": [a for a in ACTION_LABELS if a in actions],
            "action_labels": ACTION_LABELS,
            "destructive": DESTRUCTIVE,
            "tab": tab,
            "tabs": TABS,
            "base": f"/campaigns/{campaign.id}",
            **extra,
        },
        status=status,
    )


@routes.get(CAMPAIGN)
async def campaign_overview(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign = await campaigns.load_campaign(actor, path_id(request))
    stats = await statistics.get_campaign_statistics(campaign.id)
    return await _campaign_page(
        request,
        "overview",
        {
            "campaign": campaign,
            "stats": stats,
            "accounts": await diagnose.visible_accounts(actor),
        },
    )


@routes.post(CAMPAIGN + "/edit")
async def campaign_edit(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    await campaigns.load_campaign(actor, campaign_id)
    form = await form_data(request)
    changes: dict[str, Any] = {
        "name": form_text(form, "name", 500),
        "description": form_text(form, "description"),
        "timezone": form_text(form, "timezone", 64) or "UTC",
        "response_handling": form_text(form, "response_handling", 16) or "stop",
    }
    account = form_text(form, "account_id", 20)
    changes["telegram_account_id"] = min(int(account), INT32) if account.isdigit() else None
    try:
        await campaigns.edit_campaign(actor, campaign_id, changes)
    except HeraldError as exc:
        if exc.http_status == 404:
            raise
        flash(request, exc.message, "error")
    else:
        flash(request, "Saved.")
    raise back(f"/campaigns/{campaign_id}")


LIFECYCLE = {
    "pause": campaigns.pause,
    "stop": campaigns.stop,
    "cancel_schedule": campaigns.cancel_schedule,
    "enable": campaigns.enable,
    "disable": campaigns.disable,
    "delete": campaigns.delete,
    "restore": campaigns.restore,
}
DONE = {
    "launch": "Campaign launched.",
    "pause": "Campaign paused.",
    "stop": "Campaign stopped.",
    "cancel_schedule": "Scheduled start cancelled.",
    "enable": "Campaign enabled.",
    "disable": "Campaign disabled; unfinished executions were cancelled.",
    "delete": "Campaign deleted; you can restore it from the deleted list.",
    "restore": "Campaign restored.",
}


@routes.post(CAMPAIGN + r"/action/{action:[a-z_]+}")
async def campaign_action(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    name = request.match_info["action"]
    if name not in ACTION_LABELS:
        raise NotFound("There is no such action.")
    form = await form_data(request)
    here = f"/campaigns/{campaign_id}"
    try:
        if name == "launch":
            if "restart_completed" not in form:
                ahead = await campaigns.launch_preview(actor, campaign_id)
                if ahead.restartable:
                    return await _campaign_page(
                        request, "overview", {"confirm_launch": ahead, "stats": None}
                    )
            restart = form.get("restart_completed", "yes") == "yes"
            campaign = await campaigns.launch(actor, campaign_id, restart_completed=restart)
            flash(
                request,
                "Campaign scheduled." if campaign.status.value == "scheduled" else DONE["launch"],
            )
        elif name == "duplicate":
            copy = await campaigns.duplicate(actor, campaign_id)
            flash(request, f"Duplicated as “{copy.name}”.")
            here = f"/campaigns/{copy.id}"
        else:
            await LIFECYCLE[name](actor, campaign_id)
            flash(request, DONE[name])
    except HeraldError as exc:
        if exc.http_status == 404:
            raise
        flash(request, exc.message, "error")
    raise back(here)


# ---- flow


@routes.get(CAMPAIGN + "/flow")
async def campaign_flow(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign = await campaigns.load_campaign(actor, path_id(request))
    report = check_flow(campaign.flow, list(campaign.ab_variants))
    outline = ""
    if campaign.flow and report.ok:
        outline = parse_flow(campaign.flow, list(campaign.ab_variants)).outline()
    return await _campaign_page(
        request,
        "flow",
        {
            "campaign": campaign,
            "drawing": svg.flow_svg(
                campaign.flow, {p.node_id for p in report.problems if p.node_id}
            ),
            "outline": outline,
            "report": report,
        },
    )


@routes.get(CAMPAIGN + "/flow/edit")
async def flow_editor(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign = await campaigns.load_campaign(actor, path_id(request), Action.EDIT)
    return await _flow_editor(request, campaign, _pretty_json(campaign.flow or STARTER_FLOW), [])


async def _flow_editor(
    request: web.Request, campaign: Campaign, text: str, problems: list[str], status: int = 200
) -> web.StreamResponse:
    drawing, report_problems, warnings = _draw(text, list(campaign.ab_variants))
    return await _campaign_page(
        request,
        "flow",
        {
            "campaign": campaign,
            "editor": True,
            "flow_text": text,
            "drawing": drawing,
            "problems": problems or report_problems,
            "warnings": warnings,
        },
        status=status,
    )


def _draw(text: str, variants: list[str]) -> tuple[Any, list[str], list[str]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        return svg.flow_svg(None), [f"The flow is not valid JSON: {exc}."], []
    report = check_flow(data, variants)
    lines = [f"{p.node_id}: {p.message}" if p.node_id else p.message for p in report.problems]
    warns = [f"{p.node_id}: {p.message}" if p.node_id else p.message for p in report.warnings]
    bad = {p.node_id for p in report.problems if p.node_id}
    return svg.flow_svg(data, bad), lines, warns


@routes.post(CAMPAIGN + "/flow/edit")
async def flow_save(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign = await campaigns.load_campaign(actor, path_id(request), Action.EDIT)
    form = await form_data(request)
    text = form_text(form, "flow", 500_000)
    try:
        flow = json.loads(text)
    except ValueError as exc:
        return await _flow_editor(
            request, campaign, text, [f"The flow is not valid JSON: {exc}."], 422
        )
    try:
        await campaigns.edit_campaign(actor, campaign.id, {"flow": flow})
    except HeraldError as exc:
        if exc.http_status == 404:
            raise
        return await _flow_editor(request, campaign, text, _problem_lines(exc), exc.http_status)
    flash(request, "Flow saved.")
    raise back(f"/campaigns/{campaign.id}/flow")


@routes.post(CAMPAIGN + "/flow/draw")
async def flow_draw(request: web.Request) -> web.StreamResponse:
    """The editor's live drawing: the JSON typed so far, drawn and checked, nothing saved."""
    actor = await page_actor(request)
    campaign = await campaigns.load_campaign(actor, path_id(request))
    text = (await request.read()).decode("utf-8", "replace")[:500_000]
    drawing, problems, warnings = _draw(text, list(campaign.ab_variants))
    return web.json_response({"svg": str(drawing), "problems": problems, "warnings": warnings})


# ---- contacts of the campaign


@routes.get(CAMPAIGN + "/contacts")
async def campaign_contacts(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    status = query_text(request, "status", 16)
    q = query_text(request, "q")
    page = await logs.list_executions(
        actor, campaign_id, status=status, q=q, page=query_int(request, "page", 1)
    )
    pages = max(1, -(-page.total // page.per_page))
    base = f"/campaigns/{campaign_id}/contacts"
    return await _campaign_page(
        request,
        "contacts",
        {
            "executions": page,
            "filters": {"status": status, "q": q},
            "execution_statuses": sorted(logs.EXECUTION_STATUSES),
            "prev_link": _link(base, status=status, q=q, page=page.page - 1)
            if page.page > 1
            else None,
            "next_link": _link(base, status=status, q=q, page=page.page + 1)
            if page.page < pages
            else None,
        },
    )


@routes.post(CAMPAIGN + "/contacts/add")
async def campaign_contacts_add(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    await campaigns.load_campaign(actor, campaign_id)
    form = await form_data(request)
    source = form_text(form, "source", 16)
    try:
        if source == "all":
            ids = await contacts.ids_with_tag(actor, None)
        elif source == "tag":
            ids = await contacts.ids_with_tag(actor, form_text(form, "tag", 100).strip())
        else:
            ids = form_ids(form, "contact_ids")
        change = await campaigns.add_contacts(actor, campaign_id, ids)
    except HeraldError as exc:
        if exc.http_status == 404:
            raise
        flash(request, exc.message, "error")
    else:
        text = f"{change.added} added, {change.already_in} already in the campaign"
        if change.not_found:
            text += f", {change.not_found} not found"
        flash(request, text + ".")
    raise back(f"/campaigns/{campaign_id}/contacts")


@routes.post(CAMPAIGN + "/contacts/remove")
async def campaign_contacts_remove(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    await campaigns.load_campaign(actor, campaign_id)
    form = await form_data(request)
    try:
        change = await campaigns.remove_contacts(actor, campaign_id, form_ids(form, "contact_ids"))
    except HeraldError as exc:
        if exc.http_status == 404:
            raise
        flash(request, exc.message, "error")
    else:
        flash(request, f"{change.removed} removed.")
    raise back(f"/campaigns/{campaign_id}/contacts")


# ---- statistics


@routes.get(CAMPAIGN + "/statistics")
async def campaign_statistics(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign = await campaigns.load_campaign(actor, path_id(request))
    stats = await statistics.get_campaign_statistics(
        campaign.id, refresh=query_bool(request, "refresh")
    )
    order: list[str] = []
    if campaign.flow and check_flow(campaign.flow, list(campaign.ab_variants)).ok:
        order = list(parse_flow(campaign.flow, list(campaign.ab_variants)).nodes)
    charts = {
        "breakdown": svg.breakdown_chart(stats["execution_breakdown"]),
        "funnel": svg.funnel_chart(stats["funnel"], order),
        "ab": svg.ab_chart(stats["variants"]),
    }
    context = {"campaign": campaign, "stats": stats, "charts": charts}
    if query_bool(request, "fragment"):
        return aiohttp_jinja2.render_template("statistics_panel.html", request, context)
    return await _campaign_page(request, "statistics", context)


# ---- logs


@routes.get(CAMPAIGN + "/logs")
async def campaign_logs(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    flt = logs.parse_log_filter(request.query)
    page = await logs.list_logs(actor, campaign_id, flt, page=query_int(request, "page", 1))
    base = f"/campaigns/{campaign_id}/logs"
    query = flt.as_query()
    return await _campaign_page(
        request,
        "logs",
        {
            "logs": page,
            "filters": query,
            "prev_link": _link(base, **query, page=page.page - 1) if page.page > 1 else None,
            "next_link": _link(base, **query, page=page.page + 1) if page.has_more else None,
            "export_links": {
                fmt: _link(base + "/export", **query, format=fmt) for fmt in logs.EXPORT_FORMATS
            },
        },
    )


@routes.get(CAMPAIGN + "/logs/export")
async def campaign_logs_export(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    flt = logs.parse_log_filter(request.query)
    fmt = logs.parse_format(request.query.get("format", "csv"))
    return await stream_logs(request, actor, campaign_id, flt, fmt)


# ---- diagnose, preview, test send


@routes.get(CAMPAIGN + "/diagnose")
async def campaign_diagnose(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    checks = await diagnose.diagnose(actor, campaign_id)
    return await _campaign_page(request, "diagnose", {"checks": checks})


@routes.get(CAMPAIGN + "/preview")
async def campaign_preview(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    await campaigns.load_campaign(actor, campaign_id)
    contact_id = query_text(request, "contact_id", 20)
    result, problem = None, None
    try:
        if contact_id and (not contact_id.isdigit() or not 0 < int(contact_id) <= INT64):
            raise Invalid("Choose a contact by its id.")
        result = await preview.preview(actor, campaign_id, contact_id)
    except HeraldError as exc:
        if exc.http_status == 404 and "Campaign" in exc.message:
            raise
        problem = exc.message
    return await _campaign_page(
        request, "preview", {"preview": result, "problem": problem, "contact_id": contact_id}
    )


@routes.post(CAMPAIGN + "/test-send")
async def campaign_test_send(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    campaign_id = path_id(request)
    await campaigns.load_campaign(actor, campaign_id)
    form = await form_data(request)
    contact_id = form_text(form, "contact_id", 20) or None
    node_id = form_text(form, "node_id", 64) or None
    try:
        if contact_id and not contact_id.isdigit():
            raise Invalid("Choose a contact by its id.")
        await preview.record_test_send(actor, campaign_id, contact_id, node_id)
    except HeraldError as exc:
        if exc.http_status == 404 and "Campaign" in exc.message:
            raise
        flash(request, exc.message, "error")
    else:
        flash(
            request,
            "Test send recorded: the account's runner sends it to the account's Saved "
            "Messages once the engine runs.",
        )
    raise back(_link(f"/campaigns/{campaign_id}/preview", contact_id=contact_id))


# ---------------------------------------------------------------- contacts


@routes.get("/contacts")
async def contact_list(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    q, status, tag = (
        query_text(request, "q"),
        query_text(request, "status", 16),
        query_text(request, "tag", 100),
    )
    page = await contacts.list_contacts(
        actor, q=q, status=status, tag=tag, page=query_int(request, "page", 1)
    )
    pages = max(1, -(-page.total // page.per_page))
    imports = await ContactImport.filter(workspace=actor.workspace_key).order_by("-id").limit(5)
    return aiohttp_jinja2.render_template(
        "contacts.html",
        request,
        {
            "page": page,
            "filters": {"q": q, "status": status, "tag": tag},
            "imports": imports,
            "prev_link": _link("/contacts", q=q, status=status, tag=tag, page=page.page - 1)
            if page.page > 1
            else None,
            "next_link": _link("/contacts", q=q, status=status, tag=tag, page=page.page + 1)
            if page.page < pages
            else None,
        },
    )


@routes.post("/contacts")
async def contact_add(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    form = await form_data(request)
    data = {
        key: form_text(form, key, 200) or None
        for key in ("first_name", "last_name", "username", "phone_number", "telegram_id")
    }
    tags = form_text(form, "tags", 1000)
    data["tags"] = [t.strip() for t in tags.split(",") if t.strip()]
    try:
        _contact, created = await contacts.save_contact(actor, data)
    except HeraldError as exc:
        flash(request, exc.message, "error")
    else:
        flash(request, "Contact added." if created else "Existing contact updated.")
    raise back("/contacts")


@routes.post("/contacts/import")
async def contact_import(request: web.Request) -> web.StreamResponse:
    """Runs the import in the background and shows its progress page at once."""
    actor = await page_actor(request)
    form = await form_data(request)
    upload = form.get("file")
    if upload is None or isinstance(upload, str) or not upload.filename:
        flash(request, "Choose a CSV or XLSX file to import.", "error")
        raise back("/contacts")
    data = upload.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        flash(request, "The file is larger than 50 MB.", "error")
        raise back("/contacts")
    started: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    async def progress(job: ContactImport) -> None:
        if not started.done():
            started.set_result(job.id)

    task = asyncio.create_task(
        contacts.import_contacts(actor, data, upload.filename, progress=progress, batch_size=2000)
    )
    tasks = request.app[keys.TASKS]
    tasks.add(task)
    task.add_done_callback(tasks.discard)
    await asyncio.wait({task, started}, return_when=asyncio.FIRST_COMPLETED)
    if started.done():
        raise back(f"/contacts/imports/{started.result()}")
    try:
        report = task.result()
    except HeraldError as exc:
        flash(request, exc.message, "error")
        raise back("/contacts") from None
    raise back(f"/contacts/imports/{report.import_id}")


@routes.get(r"/contacts/imports/{id:\d+}")
async def contact_import_progress(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    job = await ContactImport.get_or_none(id=path_id(request), workspace=actor.workspace_key)
    if job is None:
        raise NotFound("Import not found.")
    return aiohttp_jinja2.render_template("import.html", request, {"job": job})


# ---------------------------------------------------------------- accounts


def _accounts_signin_available() -> bool:
    from panel import app as panel_app  # the app module knows whether accounts/ loaded

    return panel_app.connect is not None


@routes.get("/accounts")
async def account_list(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    rows = []
    for account in await diagnose.visible_accounts(actor):
        rows.append({"account": account, "health": await account_health(account)})
    return aiohttp_jinja2.render_template(
        "accounts.html",
        request,
        {"rows": rows, "signin_available": _accounts_signin_available()},
    )


@routes.post(r"/accounts/{id:\d+}/test")
async def account_test(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    await diagnose.request_account_test(actor, path_id(request))
    flash(request, "Health check requested: the account's runner answers within seconds.")
    raise back("/accounts")


# ---------------------------------------------------------------- organization


async def _org_actor(request: web.Request) -> Actor:
    actor = await page_actor(request)
    if actor.organization_id is None:
        raise NotFound("Switch to an organization to manage it.")
    return actor


@routes.get("/org")
async def organization(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    if actor.organization_id is None:
        return aiohttp_jinja2.render_template("org.html", request, {"org": None})
    org = await Organization.get(id=actor.organization_id)
    members = (
        await Membership.filter(organization_id=org.id).prefetch_related("user").order_by("id")
    )
    invitations = await Invitation.filter(
        organization_id=org.id, used_at=None, revoked_at=None
    ).order_by("-id")

    def may(action: OrgAction) -> bool:
        try:
            check_org(actor.role, action)
        except HeraldError:
            return False
        return True

    def manageable(role: Role) -> bool:
        try:
            check_member_change(actor.role, role, Role.MEMBER)  # type: ignore[arg-type]
        except HeraldError:
            return False
        return True

    return aiohttp_jinja2.render_template(
        "org.html",
        request,
        {
            "org": org,
            "members": members,
            "manageable": {m.user_id: manageable(m.role) for m in members},  # type: ignore[attr-defined]
            "invitations": invitations,
            "can": {a.value: may(a) for a in OrgAction},
            "roles": [Role.ADMIN.value, Role.MEMBER.value],
        },
    )


@routes.post("/org/settings")
async def organization_settings(request: web.Request) -> web.StreamResponse:
    actor = await _org_actor(request)
    form = await form_data(request)
    try:
        if "name" in form:
            await workspaces.update_organization(
                actor,
                name=form_text(form, "name", 500),
                description=form_text(form, "description"),
            )
        if "admin_view" in form:
            await workspaces.update_organization(
                actor, admin_view_enabled=form_text(form, "admin_view", 5) == "on"
            )
    except HeraldError as exc:
        flash(request, exc.message, "error")
    else:
        flash(request, "Saved.")
    raise back("/org")


@routes.post(r"/org/members/{uid:\d+}/{what:role|remove}")
async def organization_member(request: web.Request) -> web.StreamResponse:
    actor = await _org_actor(request)
    user_id = path_id(request, "uid")
    form = await form_data(request)
    try:
        if request.match_info["what"] == "remove":
            await workspaces.remove_member(actor, user_id)
            flash(request, "Member removed.")
        else:
            try:
                role = Role(form_text(form, "role", 16))
            except ValueError:
                raise Invalid("Choose admin or member.") from None
            await workspaces.change_role(actor, user_id, role)
            flash(request, "Role changed.")
    except HeraldError as exc:
        flash(request, exc.message, "error")
    raise back("/org")


@routes.post("/org/invitations")
async def organization_invite(request: web.Request) -> web.StreamResponse:
    actor = await _org_actor(request)
    form = await form_data(request)
    try:
        try:
            role = Role(form_text(form, "role", 16))
        except ValueError:
            raise Invalid("Choose admin or member.") from None
        invitation = await workspaces.create_invitation(actor, role)
    except HeraldError as exc:
        flash(request, exc.message, "error")
    else:
        flash(request, f"Invitation created: send “/start inv_{invitation.token}” to the bot.")
    raise back("/org")


@routes.post(r"/org/invitations/{id:\d+}/revoke")
async def organization_revoke(request: web.Request) -> web.StreamResponse:
    actor = await _org_actor(request)
    try:
        await workspaces.revoke_invitation(actor, path_id(request))
    except HeraldError as exc:
        flash(request, exc.message, "error")
    else:
        flash(request, "Invitation revoked.")
    raise back("/org")


# ---------------------------------------------------------------- API tokens


@routes.get("/tokens")
async def token_list(request: web.Request) -> web.StreamResponse:
    user = request[keys.USER]
    tokens = await ApiToken.filter(user_id=user.id, revoked_at=None).order_by("-id")
    return aiohttp_jinja2.render_template("tokens.html", request, {"tokens": tokens, "new": None})


@routes.post("/tokens")
async def token_create(request: web.Request) -> web.StreamResponse:
    user = request[keys.USER]
    form = await form_data(request)
    try:
        secret, _ = await create_api_token(user, form_text(form, "name", 1000).strip())
    except HeraldError as exc:
        flash(request, exc.message, "error")
        raise back("/tokens") from None
    tokens = await ApiToken.filter(user_id=user.id, revoked_at=None).order_by("-id")
    # Shown once, in this response only; never stored in the clear.
    return aiohttp_jinja2.render_template("tokens.html", request, {"tokens": tokens, "new": secret})


@routes.post(r"/tokens/{id:\d+}/revoke")
async def token_revoke(request: web.Request) -> web.StreamResponse:
    await revoke_api_token(request[keys.USER], path_id(request))
    flash(request, "Token revoked.")
    raise back("/tokens")


__all__ = ["FILTERS", "base_context", "campaign_json", "routes"]
