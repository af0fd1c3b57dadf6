"""Contacts of a workspace (SPEC §4): de-duplicated upserts, imports with a row-by-row
report and progress, listing and status. Parsing lives in core/contact_file.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.contact_file import (
    ContactRecord,
    SkippedRow,
    iter_contact_batches,
    normalise_phone,
    normalise_telegram_id,
    normalise_username,
)
from core.db import connection, current_dialect, placeholders
from core.errors import Invalid, NotFound
from core.permissions import Actor
from models import Contact, ContactImport, ContactSource, ContactStatus

ProgressCallback = Callable[[ContactImport], Awaitable[None]]


@dataclass
class ImportReport:
    import_id: int | None
    created: int = 0
    updated: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[SkippedRow] = field(default_factory=list)
    empty_rows: int = 0
    contact_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "created": self.created,
            "updated": self.updated,
            "skipped": [{"row": s.row, "reason": s.reason} for s in self.skipped],
            "warnings": [{"row": s.row, "reason": s.reason} for s in self.warnings],
            "empty_rows": self.empty_rows,
        }


async def _existing_matches(workspace: str, records: list[ContactRecord]) -> dict[tuple, Contact]:
    ids = {r.telegram_id for r in records if r.telegram_id is not None}
    names = {r.username_key() for r in records if r.username}
    phones = {r.phone for r in records if r.phone}
    condition = Q()
    for column, values in (("telegram_id", ids), ("username_key", names), ("phone", phones)):
        if values:
            condition |= Q(**{f"{column}__in": list(values)})
    if not (ids or names or phones):
        return {}
    found: dict[tuple, Contact] = {}
    for contact in await Contact.filter(Q(workspace=workspace) & condition):
        if contact.telegram_id is not None:
            found[("id", contact.telegram_id)] = contact
        if contact.username_key:
            found[("username", contact.username_key)] = contact
        if contact.phone:
            found[("phone", contact.phone)] = contact
    return found


def _keys(record: ContactRecord) -> list[tuple]:
    keys: list[tuple] = []
    if record.telegram_id is not None:
        keys.append(("id", record.telegram_id))
    if record.username:
        keys.append(("username", record.username_key()))
    if record.phone:
        keys.append(("phone", record.phone))
    return keys


def _merge(contact: Contact, record: ContactRecord, taken: dict[tuple, Contact]) -> None:
    """Fill the contact from the record: given values win, tags and fields add up; an
    identifier that belongs to another contact of the workspace is left alone."""

    def free(key: tuple) -> bool:
        owner = taken.get(key)
        return owner is None or owner is contact

    if record.telegram_id is not None and free(("id", record.telegram_id)):
        contact.telegram_id = record.telegram_id
    if record.username and free(("username", record.username_key())):
        contact.username, contact.username_key = record.username, record.username_key()
    if record.phone and free(("phone", record.phone)):
        contact.phone = record.phone
    contact.first_name = record.first_name or contact.first_name
    contact.last_name = record.last_name or contact.last_name
    contact.language = record.language or contact.language
    contact.tags = list(dict.fromkeys([*(contact.tags or []), *record.tags]))
    contact.custom_fields = {**(contact.custom_fields or {}), **record.fields}


async def upsert_records(
    actor: Actor, records: list[ContactRecord], source: ContactSource
) -> tuple[list[Contact], list[Contact]]:
    """Create or update one batch; returns (created, updated)."""
    workspace = actor.workspace_key
    taken = await _existing_matches(workspace, records)
    created: list[Contact] = []
    updated: dict[int, Contact] = {}
    for record in records:
        match = next((taken[k] for k in _keys(record) if k in taken), None)
        if match is None:
            match = Contact(
                organization_id=actor.organization_id,
                created_by_id=actor.user_id,
                workspace=workspace,
                source=source,
                tags=[],
                custom_fields={},
                first_name="",
                last_name="",
            )
            created.append(match)
        elif match.id is not None:
            updated[match.id] = match
        _merge(match, record, taken)
        for key in _keys(record):
            taken.setdefault(key, match)
    async with in_transaction():
        if created:
            await Contact.bulk_create(created, batch_size=1000)
        if updated:
            await Contact.bulk_update(
                list(updated.values()),
                fields=[
                    "telegram_id",
                    "username",
                    "username_key",
                    "phone",
                    "first_name",
                    "last_name",
                    "language",
                    "tags",
                    "custom_fields",
                    "updated_at",
                ],
                batch_size=1000,
            )
    if created and any(c.id is None for c in created):
        # SQLite's bulk insert does not hand ids back: read them by their keys.
        await _fill_ids(workspace, created)
    return created, list(updated.values())


async def _fill_ids(workspace: str, contacts: list[Contact]) -> None:
    by_key = await _existing_matches(
        workspace,
        [
            ContactRecord(0, c.telegram_id, c.username, c.phone, None, None, None, (), {})
            for c in contacts
        ],
    )
    for contact in contacts:
        for key in (
            ("id", contact.telegram_id),
            ("username", contact.username_key),
            ("phone", contact.phone),
        ):
            if key[1] is not None and key in by_key:
                contact.id = by_key[key].id
                break


def record_from_input(data: Any, row: int = 0) -> ContactRecord:
    """A contact typed in the bot or sent to the API, validated like an imported row."""
    if not isinstance(data, dict):
        raise Invalid("A contact must be an object with telegram_id, username or phone_number.")
    telegram_id = data.get("telegram_id")
    username, phone = data.get("username"), data.get("phone_number") or data.get("phone")
    parsed_id = normalise_telegram_id(telegram_id) if telegram_id not in (None, "") else None
    if telegram_id not in (None, "") and parsed_id is None:
        raise Invalid(f"telegram_id {telegram_id!r} is not a Telegram user id.")
    parsed_name = normalise_username(username) if username else None
    if username and parsed_name is None:
        raise Invalid(f"Username {username!r} is not a valid Telegram username.")
    parsed_phone = normalise_phone(phone) if phone else None
    if phone and parsed_phone is None:
        raise Invalid(f"Phone {phone!r} is not a valid phone number.")
    if parsed_id is None and parsed_name is None and parsed_phone is None:
        raise Invalid("A contact needs a Telegram id, a username or a phone number.")
    tags = data.get("tags") or []
    fields_ = data.get("fields") or data.get("custom_fields") or {}
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise Invalid("tags must be a list of texts.")
    if not isinstance(fields_, dict):
        raise Invalid("fields must be an object.")
    text = {k: data.get(k) for k in ("first_name", "last_name", "language")}
    for key, value in text.items():
        if value is not None and not isinstance(value, str):
            raise Invalid(f"{key} must be text.")
    return ContactRecord(
        row=row,
        telegram_id=parsed_id,
        username=parsed_name,
        phone=parsed_phone,
        first_name=text["first_name"],
        last_name=text["last_name"],
        language=text["language"],
        tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
        fields={str(k): str(v) for k, v in fields_.items()},
    )


async def save_contact(
    actor: Actor, data: Any, source: ContactSource = ContactSource.MANUAL
) -> tuple[Contact, bool]:
    """Add one contact, or update the existing one with the same identifier."""
    created, updated = await upsert_records(actor, [record_from_input(data)], source)
    return (created[0], True) if created else (updated[0], False)


async def import_contacts(
    actor: Actor,
    data: bytes,
    filename: str,
    *,
    source: ContactSource = ContactSource.FILE_UPLOAD,
    progress: ProgressCallback | None = None,
    batch_size: int = 5000,
) -> ImportReport:
    """Import a CSV/XLSX file batch by batch, recording progress on a ContactImport row.
    A bad row never costs a good one; a broken file raises Invalid before anything is saved."""
    batches = iter_contact_batches(data, filename, batch_size=batch_size)
    job = await ContactImport.create(
        workspace=actor.workspace_key, created_by_id=actor.user_id, filename=filename[:255]
    )
    report = ImportReport(import_id=job.id)
    try:
        for records, skipped in batches:
            created, updated = await upsert_records(actor, records, source)
            report.created += len(created)
            report.updated += len(updated)
            report.skipped.extend(skipped)
            report.contact_ids.extend(c.id for c in [*created, *updated])
            job.processed_rows = batches.rows_read
            job.created, job.updated = report.created, report.updated
            await job.save(update_fields=["processed_rows", "created", "updated"])
            if progress:
                await progress(job)
    except Exception as exc:
        job.status, job.error, job.finished_at = "failed", str(exc)[:500], utcnow()
        await job.save(update_fields=["status", "error", "finished_at"])
        raise
    finally:
        batches.close()
    report.warnings = list(batches.warnings)
    report.empty_rows = batches.empty_rows
    job.status, job.finished_at = "done", utcnow()
    job.total_rows = batches.rows_read
    job.skipped = report.as_dict()["skipped"]
    await job.save(update_fields=["status", "finished_at", "total_rows", "skipped"])
    return report


@dataclass
class ContactPage:
    items: list[Contact]
    total: int
    page: int
    per_page: int


async def list_contacts(
    actor: Actor,
    *,
    q: str | None = None,
    status: str | None = None,
    tag: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> ContactPage:
    query = Contact.filter(workspace=actor.workspace_key)
    if status:
        if status not in {s.value for s in ContactStatus}:
            raise Invalid("status must be active, blocked or archived.")
        query = query.filter(status=status)
    if q:
        query = query.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(username_key__contains=q.lower().lstrip("@"))
            | Q(phone__contains=q)
        )
    if tag:
        query = query.filter(id__in=await ids_with_tag(actor, tag))
    page, per_page = max(1, int(page)), min(max(1, int(per_page)), 200)
    total = await query.count()
    items = await query.order_by("-id").offset((page - 1) * per_page).limit(per_page)
    return ContactPage(items, total, page, per_page)


async def ids_with_tag(actor: Actor, tag: str | None) -> list[int]:
    """Ids of the workspace's active contacts, all of them or those carrying `tag`
    (tags are a JSON list, searched by the database)."""
    m = placeholders(3)
    sql = f"SELECT id FROM contacts WHERE workspace = {m[0]} AND status = {m[1]}"
    params: list[Any] = [actor.workspace_key, ContactStatus.ACTIVE.value]
    if tag is not None:
        if current_dialect() == "sqlite":
            sql += f" AND EXISTS (SELECT 1 FROM json_each(contacts.tags) WHERE value = {m[2]})"
        else:
            sql += f" AND tags::jsonb ? {m[2]}"
        params.append(tag)
    rows = await connection().execute_query_dict(sql + " ORDER BY id", params)
    return [int(r["id"]) for r in rows]


async def get_contact(actor: Actor, contact_id: int) -> Contact:
    contact = await Contact.get_or_none(id=contact_id, workspace=actor.workspace_key)
    if contact is None:
        raise NotFound("Contact not found.")
    return contact


async def set_contact_status(actor: Actor, contact_id: int, status: str) -> Contact:
    contact = await get_contact(actor, contact_id)
    try:
        contact.status = ContactStatus(status)
    except ValueError:
        raise Invalid("status must be active, blocked or archived.") from None
    await contact.save(update_fields=["status", "updated_at"])
    return contact
