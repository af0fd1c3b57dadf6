"""Herald's rows as JSON-ready dicts, the same for the API and the pages' scripts."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from core.campaigns import BulkResult, ContactsChange
from models import Campaign, Contact, ContactImport, Organization, TelegramAccount


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def campaign_json(campaign: Campaign, permissions: list[str] | None = None) -> dict[str, Any]:
    data = {
        "id": campaign.id,
        "organization_id": campaign.organization_id,  # type: ignore[attr-defined]
        "created_by": campaign.created_by_id,  # type: ignore[attr-defined]
        "name": campaign.name,
        "description": campaign.description,
        "telegram_account_id": campaign.telegram_account_id,  # type: ignore[attr-defined]
        "timezone": campaign.timezone,
        "start_type": campaign.start_type.value,
        "scheduled_start_at": iso(campaign.scheduled_start_at),
        "flow": campaign.flow,
        "ab_variants": campaign.ab_variants,
        "response_handling": campaign.response_handling.value,
        "send_window": campaign.send_window,
        "status": campaign.status.value,
        "enabled": campaign.enabled,
        "error_message": campaign.error_message,
        "created_at": iso(campaign.created_at),
        "updated_at": iso(campaign.updated_at),
        "completed_at": iso(campaign.completed_at),
        "deleted_at": iso(campaign.deleted_at),
    }
    if permissions is not None:
        data["permissions"] = permissions
    return data


def contact_json(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "telegram_id": contact.telegram_id,
        "username": contact.username,
        "phone": contact.phone,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "language": contact.language,
        "tags": contact.tags,
        "fields": contact.custom_fields,
        "status": contact.status.value,
        "source": contact.source.value,
        "created_at": iso(contact.created_at),
    }


def account_json(account: TelegramAccount, health: dict[str, Any] | None = None) -> dict[str, Any]:
    data = {
        "id": account.id,
        "phone": account.phone,
        "username": account.username,
        "first_name": account.first_name,
        "shared": account.shared,
        "status": account.status.value,
        "flood_wait_until": iso(account.flood_wait_until),
        "limited_until": iso(account.limited_until),
        "last_checked_at": iso(account.last_checked_at),
        "last_error": account.last_error,
    }
    if health is not None:
        data.update(health)
    return data


def organization_json(org: Organization, role: str | None) -> dict[str, Any]:
    return {
        "id": org.id,
        "name": org.name,
        "description": org.description,
        "admin_view_enabled": org.admin_view_enabled,
        "role": role,
    }


def bulk_json(results: list[BulkResult]) -> dict[str, Any]:
    items = [asdict(r) for r in results]
    return {
        "results": items,
        "succeeded": sum(1 for r in results if r.ok),
        "failed": sum(1 for r in results if not r.ok),
    }


def change_json(change: ContactsChange) -> dict[str, Any]:
    return {
        "added": change.added,
        "already_in": change.already_in,
        "not_found": change.not_found,
        "removed": change.removed,
        "reactivated": change.reactivated,
    }


def import_json(job: ContactImport) -> dict[str, Any]:
    return {
        "id": job.id,
        "filename": job.filename,
        "status": job.status,
        "total_rows": job.total_rows,
        "processed_rows": job.processed_rows,
        "created": job.created,
        "updated": job.updated,
        "skipped": job.skipped,
        "error": job.error,
    }
