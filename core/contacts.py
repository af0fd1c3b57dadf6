"""Contacts of a workspace (SPEC §4): de-duplicated upserts, imports with a row-by-row
report and progress, listing and status. Parsing lives in core/contact_file.py."""

from __future__ import annotations

import json
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


CONTACT_COLUMNS = (
    "telegram_id",
    "username",
    "username_key",
    "phone",
    "first_name",
    "last_name",
    "language",
    "tags",
    "custom_fields",
)
Key = tuple[str, int | str]


def _keys(record: ContactRecord | dict[str, Any]) -> list[Key]:
    """De-duplication keys in SPEC order: Telegram id, username, phone."""
    if isinstance(record, ContactRecord):
        values = (record.telegram_id, record.username_key(), record.phone)
    else:
        values = (record["telegram_id"], record["username_key"], record["phone"])
    return [(k, v) for k, v in zip(("id", "username", "phone"), values, strict=True) if v]


async def _existing(workspace: str, keys: list[Key]) -> dict[Key, dict[str, Any]]:
    """Rows of the workspace owning any of the keys, as plain dicts: one statement with
    one array parameter per identifier column (an import looks up thousands at a time)."""
    if not keys:
        return {}
    ids = sorted({v for k, v in keys if k == "id"})
    names = sorted({v for k, v in keys if k == "username"})
    phones = sorted({v for k, v in keys if k == "phone"})
    m = placeholders(4)
    if current_dialect() == "sqlite":
        params: list[Any] = [workspace, json.dumps(ids), json.dumps(names), json.dumps(phones)]
        within = [f"IN (SELECT value FROM json_each({mark}))" for mark in m[1:]]
    else:
        params = [workspace, ids, names, phones]
        within = [f"= ANY({m[1]}::bigint[])", f"= ANY({m[2]}::text[])", f"= ANY({m[3]}::text[])"]
    # One indexed lookup per identifier: an OR of the three would scan the workspace.
    select = f"SELECT id, {', '.join(CONTACT_COLUMNS)} FROM contacts WHERE workspace = {m[0]}"
    sql = " UNION ".join(
        f"{select} AND {column} {test}"
        for column, test in zip(("telegram_id", "username_key", "phone"), within, strict=True)
    )
    found: dict[Key, dict[str, Any]] = {}
    for row in await connection().execute_query_dict(sql, params):
        row = dict(row)
        for column in ("tags", "custom_fields"):
            if isinstance(row[column], str):
                row[column] = json.loads(row[column])
        for key in _keys(row):
            found[key] = row
    return found


def _merge(row: dict[str, Any], record: ContactRecord, taken: dict[Key, dict[str, Any]]) -> None:
    """Fill the row from the record: given values win, tags and fields add up; an
    identifier that belongs to another contact of the workspace is left alone."""

    def free(key: Key) -> bool:
        owner = taken.get(key)
        return owner is None or owner is row

    if record.telegram_id is not None and free(("id", record.telegram_id)):
        row["telegram_id"] = record.telegram_id
    if record.username and free(("username", record.username_key())):
        row["username"], row["username_key"] = record.username, record.username_key()
    if record.phone and free(("phone", record.phone)):
        row["phone"] = record.phone
    row["first_name"] = record.first_name or row["first_name"]
    row["last_name"] = record.last_name or row["last_name"]
    row["language"] = record.language or row["language"]
    row["tags"] = list(dict.fromkeys([*(row["tags"] or []), *record.tags]))
    row["custom_fields"] = {**(row["custom_fields"] or {}), **record.fields}


def _blank_row() -> dict[str, Any]:
    return {c: None for c in CONTACT_COLUMNS} | {
        "id": None,
        "first_name": "",
        "last_name": "",
        "tags": [],
        "custom_fields": {},
    }


def _insert_statement(
    actor: Actor, source: ContactSource, rows: list[dict[str, Any]], when: Any
) -> tuple[str, list[Any]]:
    """One INSERT … SELECT for the whole batch from a single array parameter per column
    (JSON on SQLite), handing back the new ids with their keys."""
    cols = ", ".join(CONTACT_COLUMNS)
    fixed_cols = "organization_id, created_by_id, workspace, source, status, created_at, updated_at"
    returning = "RETURNING id, telegram_id, username_key, phone"
    values = [_db_values(r) for r in rows]
    fixed = [
        actor.organization_id,
        actor.user_id,
        actor.workspace_key,
        source.value,
        ContactStatus.ACTIVE.value,
        when,
    ]
    if current_dialect() == "sqlite":
        picks = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(CONTACT_COLUMNS)))
        m = placeholders(7)
        sql = (
            f"INSERT INTO contacts ({cols}, {fixed_cols}) SELECT {picks}, "
            f"{', '.join(m[1:])}, {m[6]} FROM json_each({m[0]}) {returning}"
        )
        return sql, [json.dumps(values), *fixed]
    types = ["bigint", "text", "text", "text", "text", "text", "text", "text", "text"]
    m = placeholders(len(CONTACT_COLUMNS) + 6)
    arrays = ", ".join(f"{m[i]}::{t}[]" for i, t in enumerate(types))
    names = ", ".join(f"c{i}" for i in range(len(types)))
    picks = ", ".join(f"c{i}" for i in range(7)) + ", c7::jsonb, c8::jsonb"
    tail = m[len(types) :]
    sql = (
        f"INSERT INTO contacts ({cols}, {fixed_cols}) SELECT {picks}, {', '.join(tail)}, "
        f"{tail[-1]} FROM unnest({arrays}) AS t({names}) {returning}"
    )
    columns = [list(column) for column in zip(*values, strict=True)]
    return sql, [*columns, *fixed]


def _db_values(row: dict[str, Any]) -> list[Any]:
    return [
        json.dumps(row[c], ensure_ascii=False) if c in ("tags", "custom_fields") else row[c]
        for c in CONTACT_COLUMNS
    ]


async def upsert_records(
    actor: Actor, records: list[ContactRecord], source: ContactSource
) -> tuple[list[int], list[int]]:
    """Create or update one batch with two multi-row statements; returns the ids
    (created, updated)."""
    workspace = actor.workspace_key
    taken = await _existing(workspace, [k for r in records for k in _keys(r)])
    new_rows: list[dict[str, Any]] = []
    updated: dict[int, dict[str, Any]] = {}
    for record in records:
        row = next((taken[k] for k in _keys(record) if k in taken), None)
        if row is None:
            row = _blank_row()
            new_rows.append(row)
        elif row["id"] is not None:
            updated[row["id"]] = row
        _merge(row, record, taken)
        for key in _keys(record):
            taken.setdefault(key, row)
    now = utcnow()
    when = now.isoformat(sep=" ") if current_dialect() == "sqlite" else now
    set_marks = placeholders(len(CONTACT_COLUMNS) + 2)
    assignments = ", ".join(f"{c} = {m}" for c, m in zip(CONTACT_COLUMNS, set_marks, strict=False))
    update = (
        f"UPDATE contacts SET {assignments}, updated_at = {set_marks[-2]} "
        f"WHERE id = {set_marks[-1]}"
    )
    created_ids: list[int] = []
    async with in_transaction() as tx:
        if new_rows:
            sql, params = _insert_statement(actor, source, new_rows, when)
            returned = await tx.execute_query_dict(sql, params)
            by_key = {key: int(r["id"]) for r in returned for key in _keys(dict(r))}
            created_ids = [next(by_key[k] for k in _keys(row) if k in by_key) for row in new_rows]
        if updated:
            await tx.execute_many(
                update, [_db_values(r) + [when, cid] for cid, r in updated.items()]
            )
    return created_ids, list(updated)


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
    contact_id, was_created = (created[0], True) if created else (updated[0], False)
    return await Contact.get(id=contact_id), was_created


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
            report.contact_ids.extend([*created, *updated])
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
