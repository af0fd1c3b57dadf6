"""A campaign's logs and leads as the interfaces show them (SPEC §8): filtered, searched,
paged, and exported as CSV, JSON or NDJSON in constant memory, batch by batch."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from core.campaigns import load_campaign
from core.db import connection, current_dialect, placeholders
from core.errors import Invalid
from core.permissions import Action, Actor
from core.statistics import get_campaign_statistics
from models import ExecutionStatus

ExportFormat = Literal["csv", "json", "ndjson"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "json", "ndjson")
EXPORT_COLUMNS = (
    "id",
    "executed_at",
    "execution_id",
    "contact_id",
    "contact",
    "node_id",
    "node_type",
    "kind",
    "status",
    "message_text",
    "error",
)
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ndjson": "application/x-ndjson",
}
EXPORT_BATCH = 5000


@dataclass(frozen=True)
class LogFilter:
    execution_id: int | None = None
    node_type: str | None = None
    status: str | None = None
    kind: str | None = None
    q: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def as_query(self) -> dict[str, str]:
        """The filter as query-string values (for links that keep it)."""
        out = {}
        for key in ("execution_id", "node_type", "status", "kind", "q", "date_from", "date_to"):
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = str(value)
        return out


def _int_or_none(name: str, value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise Invalid(f"{name} must be a whole number.") from None
    if not 0 < number < 2**63:
        raise Invalid(f"{name} must be a positive id.")
    return number


def _date_or_none(name: str, value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise Invalid(f"{name} must be a date like 2024-05-31.") from None


def _text_or_none(name: str, value: Any, limit: int = 200) -> str | None:
    if value in (None, ""):
        return None
    text = str(value)
    if len(text) > limit:
        raise Invalid(f"{name} is longer than {limit} characters.")
    return text


def parse_log_filter(params: Any) -> LogFilter:
    """A LogFilter from query parameters (a mapping of strings); Invalid on bad values."""
    return LogFilter(
        execution_id=_int_or_none("execution_id", params.get("execution_id")),
        node_type=_text_or_none("node_type", params.get("node_type"), 32),
        status=_text_or_none("status", params.get("status"), 16),
        kind=_text_or_none("kind", params.get("kind"), 32),
        q=_text_or_none("q", params.get("q")),
        date_from=_date_or_none("date_from", params.get("date_from")),
        date_to=_date_or_none("date_to", params.get("date_to")),
    )


def parse_format(value: Any) -> ExportFormat:
    if value not in EXPORT_FORMATS:
        raise Invalid("format must be csv, json or ndjson.")
    return value  # type: ignore[return-value]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def _time_param(value: datetime) -> Any:
    return value.isoformat(sep=" ") if current_dialect() == "sqlite" else value


def _where(campaign_id: int, flt: LogFilter) -> tuple[list[str], list[Any]]:
    """WHERE clauses with `{}` where each parameter mark goes, and their values."""
    clauses, params = ["l.campaign_id = {}"], [campaign_id]
    if flt.execution_id is not None:
        clauses.append("l.execution_id = {}")
        params.append(flt.execution_id)
    for column in ("node_type", "status", "kind"):
        value = getattr(flt, column)
        if value is not None:
            clauses.append(f"l.{column} = {{}}")
            params.append(value)
    if flt.date_from is not None:
        clauses.append("l.executed_at >= {}")
        params.append(_time_param(datetime.combine(flt.date_from, time(), UTC)))
    if flt.date_to is not None:
        clauses.append("l.executed_at < {}")
        params.append(_time_param(datetime.combine(flt.date_to + timedelta(days=1), time(), UTC)))
    if flt.q:
        pattern = _like(flt.q)
        clauses.append(
            "(LOWER(l.message_text) LIKE {0} ESCAPE '\\' OR LOWER(c.first_name) LIKE {0} "
            "ESCAPE '\\' OR LOWER(c.last_name) LIKE {0} ESCAPE '\\' "
            "OR LOWER(c.username) LIKE {0} ESCAPE '\\')"
        )
        params.append(pattern)
    return clauses, params


def _sql(campaign_id: int, flt: LogFilter, tail: str, extra: list[Any]) -> tuple[str, list[Any]]:
    clauses, params = _where(campaign_id, flt)
    marks = iter(placeholders(len(params) + len(extra)))
    rendered = []
    for clause in clauses:
        rendered.append(clause.format(next(marks)))
    tail = tail.format(*[next(marks) for _ in extra])
    sql = (
        "SELECT l.id AS id, l.executed_at AS executed_at, l.execution_id AS execution_id, "
        "l.contact_id AS contact_id, c.first_name AS first_name, c.last_name AS last_name, "
        "c.username AS username, l.node_id AS node_id, l.node_type AS node_type, "
        "l.kind AS kind, l.status AS status, l.message_text AS message_text, l.error AS error "
        "FROM execution_logs l LEFT JOIN contacts c ON c.id = l.contact_id "
        f"WHERE {' AND '.join(rendered)} {tail}"
    )
    return sql, [*params, *extra]


def _when_text(value: Any) -> str | None:
    """Timestamps as ISO text; SQLite already hands back ISO text, kept as it is (parsing a
    million of them would cost more than the whole query)."""
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def _contact_name(raw: Any) -> str:
    first, last = raw["first_name"], raw["last_name"]
    return (f"{first} {last}" if first and last else first or last) or raw["username"] or ""


def _row(raw: Any) -> dict[str, Any]:
    """A log row as JSON-ready data, from a database row (sqlite3.Row, asyncpg Record)."""
    name = _contact_name(raw)
    return {
        "id": int(raw["id"]),
        "executed_at": _when_text(raw["executed_at"]),
        "execution_id": raw["execution_id"],
        "contact_id": raw["contact_id"],
        "contact": name,
        "node_id": raw["node_id"],
        "node_type": raw["node_type"],
        "kind": raw["kind"],
        "status": raw["status"],
        "message_text": raw["message_text"] or "",
        "error": raw["error"],
    }


@dataclass
class LogPage:
    items: list[dict[str, Any]]
    page: int
    per_page: int
    has_more: bool
    filter: LogFilter = field(default_factory=LogFilter)


async def list_logs(
    actor: Actor, campaign_id: int, flt: LogFilter, *, page: int = 1, per_page: int = 50
) -> LogPage:
    """One page of a campaign's logs, newest first. `has_more` instead of a total: counting
    a million rows on every page view is what makes log pages slow."""
    campaign = await load_campaign(actor, campaign_id, Action.VIEW)
    page, per_page = max(1, int(page)), min(max(1, int(per_page)), 200)
    sql, params = _sql(
        campaign.id,
        flt,
        "ORDER BY l.executed_at DESC, l.id DESC LIMIT {} OFFSET {}",
        [per_page + 1, (page - 1) * per_page],
    )
    rows = await connection().execute_query_dict(sql, params)
    items = [_row(r) for r in rows[:per_page]]
    return LogPage(items, page, per_page, len(rows) > per_page, flt)


async def iter_logs(
    actor: Actor, campaign_id: int, flt: LogFilter, *, batch: int | None = None
) -> AsyncIterator[list[Any]]:
    """Every matching log row, oldest first, in batches walked by keyset, so memory stays
    flat whatever the number of rows. Permission is checked before the first row. The rows
    are the driver's own (no per-row conversion until a format needs one)."""
    campaign = await load_campaign(actor, campaign_id, Action.VIEW)
    return _batches(campaign.id, flt, batch or EXPORT_BATCH)


async def _batches(campaign_id: int, flt: LogFilter, batch: int) -> AsyncIterator[list[Any]]:
    """Keyset pagination on (executed_at, id), the order of the (campaign, executed_at)
    index, so each batch starts where the last ended instead of sorting what is left."""
    conn = connection()
    sql, params = _sql(campaign_id, flt, "ORDER BY l.executed_at, l.id LIMIT {}", [batch])
    while True:
        _, rows = await conn.execute_query(sql, params)
        if not rows:
            return
        yield rows
        if len(rows) < batch:
            return
        last = rows[-1]
        sql, params = _sql(
            campaign_id,
            flt,
            "AND l.executed_at >= {} AND (l.executed_at > {} OR l.id > {}) "
            "ORDER BY l.executed_at, l.id LIMIT {}",
            [last["executed_at"], last["executed_at"], last["id"], batch],
        )


async def export_chunks(
    batches: AsyncIterator[list[Any]], fmt: ExportFormat
) -> AsyncIterator[bytes]:
    """The export file, one encoded chunk per batch of database rows."""
    if fmt == "json":
        yield b"["
    first = True
    if fmt == "csv":
        yield ("\ufeff" + ",".join(EXPORT_COLUMNS) + "\r\n").encode()
    async for rows in batches:
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            safe = _csv_safe
            writer.writerows(
                (
                    r["id"],
                    _when_text(r["executed_at"]),
                    r["execution_id"],
                    r["contact_id"],
                    safe(_contact_name(r)),
                    safe(r["node_id"]),
                    r["node_type"],
                    r["kind"],
                    r["status"],
                    safe(r["message_text"]),
                    safe(r["error"]),
                )
                for r in rows
            )
            yield buffer.getvalue().encode()
        elif fmt == "ndjson":
            yield "".join(json.dumps(_row(r), ensure_ascii=False) + "\n" for r in rows).encode()
        else:
            text = ",".join(json.dumps(_row(r), ensure_ascii=False) for r in rows)
            yield (text if first else "," + text).encode()
        first = False
    if fmt == "json":
        yield b"]"


_FORMULA_STARTS = frozenset("=+-@\t\r")


def _csv_safe(value: Any) -> Any:
    """Spreadsheets run cells starting with = + - @ as formulas: a lead's reply must not."""
    if value and value[0] in _FORMULA_STARTS:
        return "'" + value
    return value


# ---------------------------------------------------------------- leads of a campaign


EXECUTION_STATUSES = {s.value for s in ExecutionStatus}


@dataclass
class ExecutionPage:
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int


async def list_executions(
    actor: Actor,
    campaign_id: int,
    *,
    status: str | None = None,
    q: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> ExecutionPage:
    """The campaign's leads with their execution status (removed leads left out)."""
    campaign = await load_campaign(actor, campaign_id, Action.VIEW)
    if status and status not in EXECUTION_STATUSES:
        raise Invalid(f"status must be one of {', '.join(sorted(EXECUTION_STATUSES))}.")
    q = _text_or_none("q", q)
    page, per_page = max(1, int(page)), min(max(1, int(per_page)), 200)
    clauses, params = ["e.campaign_id = {}", "e.deleted_at IS NULL"], [campaign.id]
    if status:
        clauses.append("e.status = {}")
        params.append(status)
    if q:
        clauses.append(
            "(LOWER(c.first_name) LIKE {0} ESCAPE '\\' OR LOWER(c.last_name) LIKE {0} "
            "ESCAPE '\\' OR c.username_key LIKE {0} ESCAPE '\\' OR c.phone LIKE {0} ESCAPE '\\')"
        )
        params.append(_like(q.lstrip("@")))
    marks = iter(placeholders(len(params) + 2))
    where = " AND ".join(c.format(next(marks)) if "{" in c else c for c in clauses)
    limit, offset = next(marks), next(marks)
    conn = connection()
    columns = (
        "e.id AS id, e.status AS status, e.current_node_id AS current_node_id, "
        "e.variant AS variant, e.next_execution_at AS next_execution_at, "
        "e.error_message AS error_message, e.replied_at AS replied_at, "
        "c.id AS contact_id, c.first_name AS first_name, c.last_name AS last_name, "
        "c.username AS username, c.phone AS phone, c.telegram_id AS telegram_id, "
        "c.status AS contact_status"
    )
    if q:  # searching needs the contacts joined before counting and paging
        base = f"FROM executions e JOIN contacts c ON c.id = e.contact_id WHERE {where}"
        count_sql = f"SELECT COUNT(*) AS n {base}"
        page_sql = f"SELECT {columns} {base} ORDER BY e.contact_id LIMIT {limit} OFFSET {offset}"
    else:  # page the executions alone in (campaign, contact) index order, join one page
        count_sql = f"SELECT COUNT(*) AS n FROM executions e WHERE {where}"
        page_sql = (
            f"SELECT {columns} FROM (SELECT * FROM executions e WHERE {where} "
            f"ORDER BY e.contact_id LIMIT {limit} OFFSET {offset}) e "
            "JOIN contacts c ON c.id = e.contact_id ORDER BY e.contact_id"
        )
    if status or q:
        total = int((await conn.execute_query_dict(count_sql, params))[0]["n"])
    else:  # the campaign's lead count is already aggregated and cached by statistics
        total = int((await get_campaign_statistics(campaign.id))["total_contacts"])
    rows = await conn.execute_query_dict(page_sql, [*params, per_page, (page - 1) * per_page])
    items = []
    for r in rows:
        items.append(
            {
                "execution_id": int(r["id"]),
                "status": r["status"],
                "current_node_id": r["current_node_id"],
                "variant": r["variant"],
                "next_execution_at": _iso(r["next_execution_at"]),
                "replied_at": _iso(r["replied_at"]),
                "error_message": r["error_message"],
                "contact": {
                    "id": int(r["contact_id"]),
                    "first_name": r["first_name"] or "",
                    "last_name": r["last_name"] or "",
                    "username": r["username"],
                    "phone": r["phone"],
                    "telegram_id": r["telegram_id"],
                    "status": r["contact_status"],
                },
            }
        )
    return ExecutionPage(items, total, page, per_page)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()
