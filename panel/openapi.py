"""The OpenAPI 3.1 document of /api/v1, written next to the API it describes."""

from __future__ import annotations

from typing import Any

ERRORS = {
    "401": "No token, or an unknown or revoked one",
    "403": "Visible, but the caller may not do this",
    "404": "Not found, or not visible to the caller",
    "409": "The campaign's status forbids it",
    "422": "Invalid input, or a requirement is not met",
}
CAMPAIGN_STATUSES = ["draft", "scheduled", "active", "paused", "completed", "cancelled"]
EXECUTION_STATUSES = [
    "pending",
    "running",
    "waiting",
    "paused",
    "completed",
    "responded",
    "failed",
    "cancelled",
]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _op(
    summary: str,
    op_id: str,
    ok: str = "200",
    schema: dict[str, Any] | None = None,
    body: dict[str, Any] | None = None,
    params: list[dict[str, Any]] | None = None,
    errors: tuple[str, ...] = ("401", "404", "422"),
    body_required: bool = True,
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "operationId": op_id,
        "parameters": [{"$ref": "#/components/parameters/Workspace"}, *(params or [])],
        "responses": {
            ok: {"description": "OK", "content": _json(schema or {"type": "object"})},
            **{
                code: {"description": ERRORS[code], "content": _json(_ref("Error"))}
                for code in errors
            },
        },
    }
    if body is not None:
        op["requestBody"] = {"required": body_required, "content": _json(body)}
    return op


def _q(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
PAGE = [
    _q("page", {"type": "integer", "minimum": 1}),
    _q("per_page", {"type": "integer", "minimum": 1, "maximum": 100}),
]
IDS = {"type": "array", "items": {"type": "integer", "minimum": 1}}
CONTACT_IDS = {"type": "object", "required": ["contact_ids"], "properties": {"contact_ids": IDS}}

CAMPAIGN_FIELDS = {
    "name": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": {"type": "string"},
    "telegram_account_id": {"type": ["integer", "null"]},
    "timezone": {"type": "string", "example": "Europe/Berlin"},
    "start_type": {"type": "string", "enum": ["immediate", "scheduled"]},
    "scheduled_start_at": {"type": ["string", "null"], "format": "date-time"},
    "flow": {"type": "object", "description": "SPEC §5: {nodes: [...], edges: [...]}"},
    "ab_variants": {"type": "object", "additionalProperties": {"type": "integer"}},
    "response_handling": {"type": "string", "enum": ["stop", "continue"]},
    "send_window": {"type": "object"},
}


def document(base_url: str = "") -> dict[str, Any]:
    campaign_path = "/campaign-flows/{id}"
    lifecycle = {}
    for name, text in (
        ("restore", "Restore a deleted campaign"),
        ("pause", "Pause"),
        ("stop", "Stop (cannot be resumed)"),
        ("cancel-schedule", "Cancel a scheduled start"),
        ("enable", "Enable"),
        ("disable", "Disable (cancels unfinished executions)"),
    ):
        lifecycle[f"{campaign_path}/{name}"] = {
            "post": _op(
                text,
                name.replace("-", "_"),
                schema=_ref("Campaign"),
                params=[ID],
                errors=("401", "403", "404", "409", "422"),
            ),
        }
    paths: dict[str, Any] = {
        "/me": {
            "get": {
                **_op("The caller and their organizations", "me", errors=("401",)),
                "parameters": [],
            }
        },
        "/campaign-flows": {
            "get": _op(
                "List campaigns",
                "list_campaigns",
                schema=_ref("CampaignPage"),
                params=[
                    _q("view_mode", {"type": "string", "enum": ["own", "all"]}),
                    _q("status", {"type": "string", "enum": CAMPAIGN_STATUSES}),
                    _q("q", {"type": "string", "maxLength": 200}),
                    _q("deleted", {"type": "boolean"}),
                    *PAGE,
                ],
            ),
            "post": _op(
                "Create a draft campaign",
                "create_campaign",
                ok="201",
                schema=_ref("Campaign"),
                body={
                    "type": "object",
                    "required": ["name"],
                    "properties": {**CAMPAIGN_FIELDS, "contact_ids": IDS},
                },
            ),
        },
        "/campaign-flows/bulk": {
            "post": _op(
                "Apply one action to many campaigns, item by item",
                "bulk",
                schema=_ref("BulkResults"),
                body={
                    "type": "object",
                    "required": ["action", "ids"],
                    "properties": {
                        "action": {
                            "type": "string",
                            "enum": [
                                "enable",
                                "disable",
                                "launch",
                                "stop",
                                "delete",
                                "pause",
                                "restore",
                            ],
                        },
                        "ids": {**IDS, "minItems": 1, "maxItems": 500},
                    },
                },
            ),
        },
        campaign_path: {
            "get": _op(
                "One campaign with the caller's permissions",
                "get_campaign",
                schema=_ref("Campaign"),
                params=[ID],
            ),
            "patch": _op(
                "Edit (SPEC §3 rules)",
                "edit_campaign",
                schema=_ref("Campaign"),
                params=[ID],
                body={"type": "object", "properties": CAMPAIGN_FIELDS},
                errors=("401", "403", "404", "409", "422"),
            ),
            "delete": _op(
                "Soft delete",
                "delete_campaign",
                schema=_ref("Campaign"),
                params=[ID],
                errors=("401", "403", "404", "409", "422"),
            ),
        },
        f"{campaign_path}/launch": {
            "post": _op(
                "Launch",
                "launch",
                schema=_ref("Campaign"),
                params=[ID],
                body={"type": "object", "properties": {"restart_completed": {"type": "boolean"}}},
                body_required=False,
                errors=("401", "403", "404", "409", "422"),
            ),
        },
        f"{campaign_path}/duplicate": {
            "post": _op(
                "Duplicate as a new draft",
                "duplicate",
                ok="201",
                schema=_ref("Campaign"),
                params=[ID],
                errors=("401", "403", "404", "409", "422"),
            ),
        },
        **lifecycle,
        f"{campaign_path}/contacts": {
            "get": _op(
                "The campaign's leads with their status",
                "campaign_contacts",
                params=[
                    ID,
                    _q("status", {"type": "string", "enum": EXECUTION_STATUSES}),
                    _q("q", {"type": "string"}),
                    *PAGE,
                ],
            ),
            "post": _op(
                "Add contacts",
                "add_contacts",
                params=[ID],
                body=CONTACT_IDS,
                errors=("401", "403", "404", "409", "422"),
            ),
            "delete": _op(
                "Remove contacts",
                "remove_contacts",
                params=[ID],
                body=CONTACT_IDS,
                errors=("401", "403", "404", "409", "422"),
            ),
        },
        f"{campaign_path}/statistics": {
            "get": _op(
                "Statistics (SPEC §8)",
                "statistics",
                params=[ID, _q("refresh", {"type": "boolean"})],
            ),
        },
        f"{campaign_path}/diagnose": {
            "get": _op("Why isn't it sending?", "diagnose", params=[ID]),
        },
        f"{campaign_path}/preview": {
            "get": _op(
                "The flow's messages rendered for a contact",
                "preview",
                params=[ID, _q("contact_id", {"type": "integer", "minimum": 1})],
            ),
        },
        f"{campaign_path}/test-send": {
            "post": _op(
                "Record a test send to the account's Saved Messages",
                "test_send",
                ok="202",
                params=[ID],
                body_required=False,
                body={
                    "type": "object",
                    "properties": {
                        "contact_id": {"type": "integer", "minimum": 1},
                        "node_id": {"type": "string"},
                    },
                },
                errors=("401", "403", "404", "409", "422"),
            ),
        },
        f"{campaign_path}/logs": {
            "get": {
                **_op(
                    "Logs: a JSON page, or a streamed export with format",
                    "logs",
                    params=[
                        ID,
                        _q("execution_id", {"type": "integer", "minimum": 1}),
                        _q("node_type", {"type": "string"}),
                        _q("status", {"type": "string"}),
                        _q("kind", {"type": "string"}),
                        _q("q", {"type": "string"}),
                        _q("date_from", {"type": "string", "format": "date"}),
                        _q("date_to", {"type": "string", "format": "date"}),
                        _q("format", {"type": "string", "enum": ["json", "csv", "ndjson"]}),
                        *PAGE,
                    ],
                ),
            },
        },
        "/contacts": {
            "get": _op(
                "The workspace's contacts",
                "list_contacts",
                params=[
                    _q("q", {"type": "string"}),
                    _q("status", {"type": "string", "enum": ["active", "blocked", "archived"]}),
                    _q("tag", {"type": "string"}),
                    *PAGE,
                ],
            ),
            "post": _op(
                "Add or update one contact",
                "save_contact",
                ok="201",
                body={
                    "type": "object",
                    "properties": {
                        "telegram_id": {"type": "integer"},
                        "username": {"type": "string"},
                        "phone_number": {"type": "string"},
                        "first_name": {"type": "string"},
                        "last_name": {"type": "string"},
                        "language": {"type": "string"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "fields": {"type": "object"},
                    },
                },
            ),
        },
        "/contacts/import": {
            "post": {
                **_op("Import a CSV or XLSX file; answers with the report", "import_contacts"),
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {"file": {"type": "string", "format": "binary"}},
                            }
                        },
                        "text/csv": {"schema": {"type": "string"}},
                    },
                },
            },
        },
        "/telegram-accounts": {
            "get": _op(
                "The workspace's Telegram accounts with health",
                "list_accounts",
                errors=("401", "404"),
            ),
        },
        "/telegram-accounts/{id}/test": {
            "post": _op("Ask the runner for a health check", "test_account", ok="202", params=[ID]),
        },
        "/organizations/{id}": {
            "get": {
                **_op("An organization the caller belongs to", "get_organization", params=[ID]),
                "parameters": [ID],
            },
            "patch": {
                **_op(
                    "Rename or toggle admin view",
                    "patch_organization",
                    params=[ID],
                    body={
                        "type": "object",
                        "properties": {
                            "name": {"type": "string"},
                            "description": {"type": "string"},
                            "admin_view_enabled": {"type": "boolean"},
                        },
                    },
                    errors=("401", "403", "404", "422"),
                ),
                "parameters": [ID],
            },
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Herald API",
            "version": "1",
            "description": "Campaigns, contacts, statistics and logs of a Herald workspace. "
            "Authenticate with `Authorization: Bearer <token>` (from /token in the bot or "
            "the panel); choose the workspace with `X-Organization-Id` (none: personal).",
        },
        "servers": [{"url": f"{base_url}/api/v1"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "parameters": {
                "Workspace": {
                    "name": "X-Organization-Id",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 1},
                    "description": "Organization to act in; none: personal",
                },
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        }
                    },
                },
                "Campaign": {
                    "type": "object",
                    "required": ["id", "name", "status", "enabled"],
                    "properties": {
                        "id": {"type": "integer"},
                        **CAMPAIGN_FIELDS,
                        "status": {"type": "string", "enum": CAMPAIGN_STATUSES},
                        "enabled": {"type": "boolean"},
                        "permissions": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "CampaignPage": {
                    "type": "object",
                    "required": ["items", "total", "page", "per_page", "view_mode"],
                    "properties": {
                        "items": {"type": "array", "items": _ref("Campaign")},
                        "total": {"type": "integer"},
                        "page": {"type": "integer"},
                        "per_page": {"type": "integer"},
                        "view_mode": {"type": "string", "enum": ["own", "all"]},
                    },
                },
                "BulkResults": {
                    "type": "object",
                    "required": ["results"],
                    "properties": {
                        "results": {"type": "array", "items": {"type": "object"}},
                        "succeeded": {"type": "integer"},
                        "failed": {"type": "integer"},
                    },
                },
            },
        },
    }
