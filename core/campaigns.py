"""Campaigns and their whole lifecycle (SPEC §3): create, edit, launch, pause, stop,
duplicate, delete, restore, enable, disable, add and remove contacts, completion.
Every action checks, in this order: workspace, visibility, permission, status, input.
Actions that touch executions are single set-based statements, never a loop over rows."""

from __future__ import annotations

import json
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from core import permissions
from core.clock import utcnow
from core.db import connection, current_dialect, placeholders
from core.errors import HeraldError, Invalid, NotFound
from core.flows import check_flow
from core.lifecycle import check_status, status_allows
from core.permissions import Action, Actor, CampaignRef
from core.variants import assign_variant, normalise_weights
from core.workspaces import organization_admin_view
from models import (
    AccountStatus,
    Campaign,
    CampaignStatistics,
    CampaignStatus,
    Execution,
    ExecutionLog,
    ExecutionStatus,
    ResponseHandling,
    StartType,
    TelegramAccount,
)
from models.campaigns import every_day_window
from models.enums import UNFINISHED

S = CampaignStatus
E = ExecutionStatus
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
STOPPED_BY_USER = "Campaign stopped by user"


MAX_ROW_ID = 2**31 - 1  # campaigns and accounts have 32-bit keys


def is_row_id(value: Any) -> bool:
    """A plausible primary key: an int (not a bool) that fits the column, so an absurd id
    is simply not found instead of overflowing the database driver."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ROW_ID


def ref(campaign: Campaign) -> CampaignRef:
    return CampaignRef(campaign.organization_id, campaign.created_by_id)  # type: ignore[attr-defined]


async def load_campaign(actor: Actor, campaign_id: int, action: Action = Action.VIEW) -> Campaign:
    """The campaign if the actor may take `action` on it (NotFound / Forbidden otherwise).
    Status is not checked here."""
    campaign = await Campaign.get_or_none(id=campaign_id) if is_row_id(campaign_id) else None
    if campaign is None:
        raise NotFound("Campaign not found.")
    admin_view = await organization_admin_view(actor.organization_id)
    permissions.check(actor, ref(campaign), action, admin_view)
    return campaign


async def allowed_actions(actor: Actor, campaign: Campaign) -> list[str]:
    """What the actor may do to the campaign right now: permission and status both."""
    admin_view = await organization_admin_view(actor.organization_id)
    out = []
    for action in Action:
        if permissions.decide(actor, ref(campaign), action, admin_view) != "allowed":
            continue
        if status_allows(
            action,
            campaign.status,
            deleted=campaign.deleted_at is not None,
            enabled=campaign.enabled,
        ):
            out.append(action.value)
    return out


# ---------------------------------------------------------------- listing


@dataclass
class CampaignPage:
    items: list[Campaign]
    total: int
    page: int
    per_page: int
    view_mode: str


async def list_campaigns(
    actor: Actor,
    *,
    view_mode: str | None = "own",
    status: str | None = None,
    q: str | None = None,
    deleted: bool = False,
    page: int = 1,
    per_page: int = 20,
) -> CampaignPage:
    admin_view = await organization_admin_view(actor.organization_id)
    mode = permissions.applied_view_mode(actor, view_mode, admin_view)
    query = Campaign.filter(organization_id=actor.organization_id)
    if mode == "own":
        query = query.filter(created_by_id=actor.user_id)
    query = query.filter(deleted_at__isnull=not deleted)
    if status:
        if status not in {s.value for s in S}:
            raise Invalid(f"Unknown status {status!r}; use one of {', '.join(s.value for s in S)}.")
        query = query.filter(status=status)
    if q:
        query = query.filter(Q(name__icontains=q) | Q(description__icontains=q))
    page = max(1, int(page))
    per_page = min(max(1, int(per_page)), 100)
    total = await query.count()
    items = await query.order_by("-id").offset((page - 1) * per_page).limit(per_page)
    return CampaignPage(items, total, page, per_page, mode)


# ---------------------------------------------------------------- create and edit


def _clean_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise Invalid("The campaign needs a name.")
    if len(name.strip()) > 200:
        raise Invalid("The campaign name is longer than 200 characters.")
    return name.strip()


def _clean_timezone(tz: Any) -> str:
    if not isinstance(tz, str) or not tz:
        raise Invalid("The timezone must be an IANA name such as Europe/Berlin.")
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise Invalid(f"Unknown timezone {tz!r}; use an IANA name such as Europe/Berlin.") from None
    return tz


def _clean_window(window: Any) -> dict:
    if window is None:
        return every_day_window()
    if not isinstance(window, dict):
        raise Invalid("The send window must be an object with days, start and end.")
    days = window.get("days", list(WEEKDAYS))
    if not isinstance(days, list) or not days or any(d not in WEEKDAYS for d in days):
        raise Invalid("Send window days must be a non-empty list of mon, tue, … sun.")
    start, end = window.get("start", "00:00"), window.get("end", "24:00")
    for label, value in (("start", start), ("end", end)):
        if not _is_hhmm(value, allow_24=label == "end"):
            raise Invalid(f"Send window {label} must be a time like 09:30.")
    if start >= end:
        raise Invalid("The send window must end after it starts.")
    return {"days": [d for d in WEEKDAYS if d in days], "start": start, "end": end}


def _is_hhmm(value: Any, allow_24: bool) -> bool:
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        return False
    hh, mm = value[:2], value[3:]
    if not (hh.isdigit() and mm.isdigit()):
        return False
    if allow_24 and value == "24:00":
        return True
    return int(hh) < 24 and int(mm) < 60


def _clean_start(start_type: Any, scheduled_at: Any) -> tuple[StartType, datetime | None]:
    try:
        kind = StartType(start_type or "immediate")
    except ValueError:
        raise Invalid("start_type must be immediate or scheduled.") from None
    if kind == StartType.IMMEDIATE:
        return kind, None
    if isinstance(scheduled_at, str):
        try:
            scheduled_at = datetime.fromisoformat(scheduled_at)
        except ValueError:
            raise Invalid("scheduled_start_at must be an ISO date and time.") from None
    if not isinstance(scheduled_at, datetime):
        raise Invalid("A scheduled campaign needs scheduled_start_at.")
    if scheduled_at.tzinfo is None:
        raise Invalid("scheduled_start_at needs a timezone offset, for example +00:00.")
    return kind, scheduled_at


def _check_flow_for(campaign_flow: Any, ab: dict) -> dict:
    if campaign_flow in (None, {}):
        return {}
    report = check_flow(campaign_flow, list(ab))
    if not report.ok:
        from core.flows import FlowInvalid

        raise FlowInvalid(report.problems)
    return campaign_flow


async def _check_account(actor: Actor, account_id: Any) -> int | None:
    if account_id is None:
        return None
    if not is_row_id(account_id):
        raise Invalid("telegram_account_id must be an account id.")
    account = await TelegramAccount.get_or_none(id=account_id, deleted_at=None)
    if account is None or not permissions.can_use_account(
        actor,
        account.organization_id,
        account.created_by_id,
        account.shared,  # type: ignore[attr-defined]
    ):
        raise Invalid("That Telegram account is not available in this workspace.")
    return account_id


EDITABLE = {
    "name",
    "description",
    "telegram_account_id",
    "timezone",
    "start_type",
    "scheduled_start_at",
    "flow",
    "ab_variants",
    "response_handling",
    "send_window",
}


async def create_campaign(actor: Actor, data: dict[str, Any]) -> Campaign:
    unknown = set(data) - EDITABLE
    if unknown:
        raise Invalid(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    ab = normalise_weights(data.get("ab_variants") or {})
    start_type, scheduled = _clean_start(data.get("start_type"), data.get("scheduled_start_at"))
    try:
        handling = ResponseHandling(data.get("response_handling") or "stop")
    except ValueError:
        raise Invalid("response_handling must be stop or continue.") from None
    description = data.get("description") or ""
    if not isinstance(description, str):
        raise Invalid("The description must be text.")
    campaign = await Campaign.create(
        organization_id=actor.organization_id,
        created_by_id=actor.user_id,
        name=_clean_name(data.get("name")),
        description=description,
        telegram_account_id=await _check_account(actor, data.get("telegram_account_id")),
        timezone=_clean_timezone(data.get("timezone") or "UTC"),
        start_type=start_type,
        scheduled_start_at=scheduled,
        flow=_check_flow_for(data.get("flow"), ab),
        ab_variants=ab,
        response_handling=handling,
        send_window=_clean_window(data.get("send_window")),
    )
    await _log_activity(campaign, "Campaign created.")
    return campaign


async def edit_campaign(actor: Actor, campaign_id: int, changes: dict[str, Any]) -> Campaign:
    campaign = await load_campaign(actor, campaign_id, Action.EDIT)
    deleted = campaign.deleted_at is not None
    check_status(Action.EDIT, campaign.status, deleted=deleted)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise Invalid(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    if "flow" in changes:
        check_status("edit_flow", campaign.status, deleted=deleted)
    if "ab_variants" in changes:
        check_status("edit_ab", campaign.status, deleted=deleted)
    ab = (
        normalise_weights(changes["ab_variants"] or {})
        if "ab_variants" in changes
        else campaign.ab_variants
    )
    if "name" in changes:
        campaign.name = _clean_name(changes["name"])
    if "description" in changes:
        if not isinstance(changes["description"], str):
            raise Invalid("The description must be text.")
        campaign.description = changes["description"]
    if "timezone" in changes:
        campaign.timezone = _clean_timezone(changes["timezone"])
    if "send_window" in changes:
        campaign.send_window = _clean_window(changes["send_window"])
    if "response_handling" in changes:
        try:
            campaign.response_handling = ResponseHandling(changes["response_handling"])
        except ValueError:
            raise Invalid("response_handling must be stop or continue.") from None
    if "start_type" in changes or "scheduled_start_at" in changes:
        campaign.start_type, campaign.scheduled_start_at = _clean_start(
            changes.get("start_type", campaign.start_type),
            changes.get("scheduled_start_at", campaign.scheduled_start_at),
        )
    if "flow" in changes or "ab_variants" in changes:
        campaign.flow = _check_flow_for(changes.get("flow", campaign.flow), ab)
        campaign.ab_variants = ab
    account_changed = False
    if "telegram_account_id" in changes:
        new_account = await _check_account(actor, changes["telegram_account_id"])
        account_changed = new_account != campaign.telegram_account_id  # type: ignore[attr-defined]
        campaign.telegram_account_id = new_account  # type: ignore[attr-defined]
    async with in_transaction():
        await campaign.save()
        if account_changed:
            await Execution.filter(campaign_id=campaign.id).update(
                account_id=campaign.telegram_account_id  # type: ignore[attr-defined]
            )
    return campaign


# ---------------------------------------------------------------- lifecycle


async def _log_activity(campaign: Campaign, text: str, status: str = "ok") -> None:
    await ExecutionLog.create(
        campaign_id=campaign.id, kind="campaign_activity", status=status, message_text=text
    )


async def invalidate_statistics(campaign_id: int) -> None:
    await CampaignStatistics.filter(campaign_id=campaign_id).delete()


@dataclass
class LaunchPreview:
    """What a launch would do, for the bot and panel to ask before restarting completed leads."""

    restartable: int
    pending: int


async def launch_preview(actor: Actor, campaign_id: int) -> LaunchPreview:
    campaign = await load_campaign(actor, campaign_id, Action.LAUNCH)
    base = Execution.filter(campaign_id=campaign.id, deleted_at=None)
    return LaunchPreview(
        restartable=await base.filter(status=E.COMPLETED).count(),
        pending=await base.filter(status__in=[E.PENDING, E.PAUSED]).count(),
    )


async def launch_requirements(campaign: Campaign, now: datetime) -> list[HeraldError]:
    """Every unmet launch requirement, each its own error (empty when ready)."""
    problems: list[HeraldError] = []
    if not campaign.enabled:
        problems.append(
            Invalid("The campaign is disabled: enable it first.", code="campaign_disabled")
        )
    account_id = campaign.telegram_account_id  # type: ignore[attr-defined]
    account = (
        await TelegramAccount.get_or_none(id=account_id, deleted_at=None) if account_id else None
    )
    if account is None:
        problems.append(Invalid("Choose a Telegram account for the campaign.", code="no_account"))
    elif account.status != AccountStatus.CONNECTED:
        problems.append(
            Invalid(
                f"The account {account.phone or account.id} is {account.status.value}: "
                "reconnect it first.",
                code="account_not_connected",
            )
        )
    elif account.flood_wait_until and account.flood_wait_until > now:
        problems.append(
            Invalid(
                f"The account is resting after a Telegram flood wait until "
                f"{account.flood_wait_until:%Y-%m-%d %H:%M} UTC.",
                code="account_parked",
            )
        )
    if not await Execution.exists(campaign_id=campaign.id, deleted_at=None):
        problems.append(Invalid("Add at least one contact first.", code="no_contacts"))
    if not campaign.flow:
        problems.append(Invalid("The campaign has no flow yet.", code="no_flow"))
    else:
        report = check_flow(campaign.flow, list(campaign.ab_variants))
        if not report.ok:
            from core.flows import FlowInvalid

            problems.append(FlowInvalid(report.problems))
    return problems


async def launch(
    actor: Actor, campaign_id: int, *, restart_completed: bool = True, now: datetime | None = None
) -> Campaign:
    now = now or utcnow()
    campaign = await load_campaign(actor, campaign_id, Action.LAUNCH)
    check_status(Action.LAUNCH, campaign.status, deleted=campaign.deleted_at is not None)
    problems = await launch_requirements(campaign, now)
    if problems:
        raise problems[0]
    scheduled = (
        campaign.start_type == StartType.SCHEDULED
        and campaign.scheduled_start_at is not None
        and campaign.scheduled_start_at > now
    )
    start_at = campaign.scheduled_start_at if scheduled else now
    async with in_transaction():
        claimed = await Campaign.filter(id=campaign.id, status=campaign.status).update(
            status=S.SCHEDULED if scheduled else S.ACTIVE,
            completed_at=None,
            error_message=None,
            consecutive_failures=0,
        )
        if not claimed:  # someone else changed it meanwhile
            check_status(Action.LAUNCH, (await Campaign.get(id=campaign.id)).status, deleted=False)
        await _resume_executions(campaign.id, start_at, restart_completed)
        await _log_activity(campaign, "Campaign scheduled." if scheduled else "Campaign launched.")
    await invalidate_statistics(campaign.id)
    return await Campaign.get(id=campaign.id)


async def _resume_executions(campaign_id: int, start_at: datetime, restart_completed: bool) -> None:
    """Paused and pending executions become pending, due no earlier than `start_at` but
    keeping a later time they already had (a delay that was running); completed ones restart."""
    dialect = current_dialect()
    p = placeholders(3)
    statuses = [E.PENDING.value, E.PAUSED.value] + (
        [E.COMPLETED.value] if restart_completed else []
    )
    status_list = ", ".join(f"'{s}'" for s in statuses)
    restart = f"status = '{E.COMPLETED.value}'"
    sql = f"""
        UPDATE executions SET
            next_execution_at = CASE
                WHEN {restart} OR next_execution_at IS NULL OR next_execution_at < {p[0]}
                THEN {p[0]} ELSE next_execution_at END,
            current_node_id = CASE WHEN {restart} THEN NULL ELSE current_node_id END,
            completed_at = CASE WHEN {restart} THEN NULL ELSE completed_at END,
            run = CASE WHEN {restart} THEN run + 1 ELSE run END,
            status = {p[1]},
            updated_at = {p[0]}
        WHERE campaign_id = {p[2]} AND deleted_at IS NULL AND status IN ({status_list})
    """
    await connection().execute_query(
        sql, [_time_param(dialect, start_at), E.PENDING.value, campaign_id]
    )


async def pause(actor: Actor, campaign_id: int, *, reason: str | None = None) -> Campaign:
    campaign = await load_campaign(actor, campaign_id, Action.PAUSE)
    check_status(Action.PAUSE, campaign.status, deleted=campaign.deleted_at is not None)
    await _pause(campaign, reason or "Campaign paused.")
    return await Campaign.get(id=campaign.id)


async def _pause(campaign: Campaign, text: str, *, error_message: str | None = None) -> None:
    async with in_transaction():
        await Campaign.filter(id=campaign.id).update(status=S.PAUSED, error_message=error_message)
        await Execution.filter(
            campaign_id=campaign.id,
            deleted_at=None,
            status__in=[E.PENDING, E.RUNNING, E.WAITING],
        ).update(status=E.PAUSED, lease_owner=None, lease_expires_at=None)
        await _log_activity(campaign, text)
    await invalidate_statistics(campaign.id)


async def pause_for_failures(campaign_id: int, reason: str) -> None:
    """The engine's own pause (too many consecutive failures), with the reason kept."""
    campaign = await Campaign.get(id=campaign_id)
    if campaign.status == S.ACTIVE:
        await _pause(campaign, f"Paused automatically: {reason}", error_message=reason)


async def stop(actor: Actor, campaign_id: int, *, now: datetime | None = None) -> Campaign:
    campaign = await load_campaign(actor, campaign_id, Action.STOP)
    check_status(Action.STOP, campaign.status, deleted=campaign.deleted_at is not None)
    now = now or utcnow()
    async with in_transaction():
        await Campaign.filter(id=campaign.id).update(
            status=S.CANCELLED, completed_at=now, error_message=STOPPED_BY_USER
        )
        await _cancel_unfinished(campaign.id, "Campaign stopped by user", now)
        await _log_activity(campaign, "Campaign stopped.")
    await invalidate_statistics(campaign.id)
    return await Campaign.get(id=campaign.id)


async def _cancel_unfinished(campaign_id: int, reason: str, now: datetime) -> int:
    return await Execution.filter(
        campaign_id=campaign_id, deleted_at=None, status__in=list(UNFINISHED)
    ).update(
        status=E.CANCELLED,
        error_message=reason,
        completed_at=now,
        lease_owner=None,
        lease_expires_at=None,
    )


async def cancel_schedule(actor: Actor, campaign_id: int) -> Campaign:
    campaign = await load_campaign(actor, campaign_id, Action.CANCEL_SCHEDULE)
    check_status(Action.CANCEL_SCHEDULE, campaign.status, deleted=campaign.deleted_at is not None)
    async with in_transaction():
        await Campaign.filter(id=campaign.id).update(status=S.DRAFT)
        await _log_activity(campaign, "Scheduled start cancelled.")
    await invalidate_statistics(campaign.id)
    return await Campaign.get(id=campaign.id)


async def start_due_scheduled(now: datetime | None = None) -> list[int]:
    """Scheduled campaigns whose time has come become active (the scheduler calls this at
    the precise start time)."""
    now = now or utcnow()
    due = await Campaign.filter(
        status=S.SCHEDULED, scheduled_start_at__lte=now, deleted_at=None
    ).values_list("id", flat=True)
    started = []
    for campaign_id in due:
        if await Campaign.filter(id=campaign_id, status=S.SCHEDULED).update(status=S.ACTIVE):
            started.append(campaign_id)
            await ExecutionLog.create(
                campaign_id=campaign_id, kind="campaign_activity", message_text="Scheduled start."
            )
            await invalidate_statistics(campaign_id)
    return started


async def complete_if_done(campaign_id: int, now: datetime | None = None) -> bool:
    """Active with nothing left unfinished → completed (one conditional statement)."""
    now = now or utcnow()
    unfinished = Execution.filter(
        campaign_id=campaign_id, deleted_at=None, status__in=list(UNFINISHED)
    )
    if await unfinished.exists():
        return False
    done = await Campaign.filter(id=campaign_id, status=S.ACTIVE).update(
        status=S.COMPLETED, completed_at=now
    )
    if done:
        await ExecutionLog.create(
            campaign_id=campaign_id, kind="campaign_activity", message_text="Campaign completed."
        )
        await invalidate_statistics(campaign_id)
    return bool(done)


async def duplicate(actor: Actor, campaign_id: int) -> Campaign:
    campaign = await load_campaign(actor, campaign_id, Action.DUPLICATE)
    check_status(Action.DUPLICATE, campaign.status, deleted=campaign.deleted_at is not None)
    name = f"{campaign.name} (Copy)"
    copy = await Campaign.create(
        organization_id=campaign.organization_id,  # type: ignore[attr-defined]
        created_by_id=actor.user_id,
        name=name[:200],
        description=campaign.description,
        telegram_account_id=campaign.telegram_account_id,  # type: ignore[attr-defined]
        timezone=campaign.timezone,
        start_type=campaign.start_type,
        scheduled_start_at=campaign.scheduled_start_at,
        flow=campaign.flow,
        ab_variants=campaign.ab_variants,
        response_handling=campaign.response_handling,
        send_window=campaign.send_window,
    )
    await _log_activity(copy, f"Duplicated from campaign {campaign.id}.")
    return copy


async def delete(actor: Actor, campaign_id: int, *, now: datetime | None = None) -> Campaign:
    campaign = await load_campaign(actor, campaign_id, Action.DELETE)
    check_status(Action.DELETE, campaign.status, deleted=campaign.deleted_at is not None)
    if campaign.status in (S.ACTIVE, S.SCHEDULED):
        await _pause(campaign, "Paused because the campaign was deleted.")
    await Campaign.filter(id=campaign.id).update(deleted_at=now or utcnow())
    return await Campaign.get(id=campaign.id)


async def restore(actor: Actor, campaign_id: int) -> Campaign:
    campaign = await load_campaign(actor, campaign_id, Action.RESTORE)
    check_status(Action.RESTORE, campaign.status, deleted=campaign.deleted_at is not None)
    await Campaign.filter(id=campaign.id).update(deleted_at=None)
    await _log_activity(campaign, "Campaign restored.")
    return await Campaign.get(id=campaign.id)


async def enable(actor: Actor, campaign_id: int) -> Campaign:
    campaign = await load_campaign(actor, campaign_id, Action.ENABLE)
    check_status(
        Action.ENABLE,
        campaign.status,
        deleted=campaign.deleted_at is not None,
        enabled=campaign.enabled,
    )
    await Campaign.filter(id=campaign.id).update(enabled=True)
    await _log_activity(campaign, "Campaign enabled.")
    return await Campaign.get(id=campaign.id)


async def disable(actor: Actor, campaign_id: int, *, now: datetime | None = None) -> Campaign:
    campaign = await load_campaign(actor, campaign_id, Action.DISABLE)
    check_status(
        Action.DISABLE,
        campaign.status,
        deleted=campaign.deleted_at is not None,
        enabled=campaign.enabled,
    )
    async with in_transaction():
        await Campaign.filter(id=campaign.id).update(enabled=False)
        await _cancel_unfinished(campaign.id, "Campaign disabled", now or utcnow())
        await _log_activity(campaign, "Campaign disabled.")
    await invalidate_statistics(campaign.id)
    return await Campaign.get(id=campaign.id)


# ---------------------------------------------------------------- contacts in a campaign


@dataclass
class ContactsChange:
    added: int = 0
    already_in: int = 0
    not_found: int = 0
    removed: int = 0
    reactivated: bool = False
    details: dict[str, Any] = field(default_factory=dict)


def _int_ids(contact_ids: Any) -> list[int]:
    if not isinstance(contact_ids, list | tuple) or any(
        not isinstance(i, int) or isinstance(i, bool) for i in contact_ids
    ):
        raise Invalid("contact_ids must be a list of contact ids.")
    return list(dict.fromkeys(contact_ids))


def _ids_table(dialect: str, mark: str) -> str:
    """A one-column relation `ids(id)` from one JSON/array parameter, so 100,000 ids are
    one bound value instead of 100,000."""
    if dialect == "sqlite":
        return f"(SELECT CAST(value AS INTEGER) AS id FROM json_each({mark}))"
    return f"(SELECT unnest({mark}::bigint[]) AS id)"


def _driving_join(dialect: str) -> str:
    # SQLite would otherwise scan json_each once per contact row; CROSS JOIN makes the id
    # list the outer loop and each contact a primary-key lookup.
    return "CROSS JOIN" if dialect == "sqlite" else "JOIN"


def _ids_param(dialect: str, ids: list[int]) -> Any:
    return json.dumps(ids) if dialect == "sqlite" else ids


def _time_param(dialect: str, value: datetime) -> Any:
    # Tortoise stores SQLite datetimes as ISO text; asyncpg takes datetime objects.
    return value.isoformat(sep=" ") if dialect == "sqlite" else value


async def _rowcount(tx: Any, dialect: str, sql: str, params: list[Any]) -> int:
    """Run a data-changing statement and say how many rows it changed."""
    if dialect == "sqlite":
        await tx.execute_query(sql, params)
        rows = await tx.execute_query_dict("SELECT changes() AS n")
    else:
        # RETURNING inside a CTE counts on the server instead of shipping every row back.
        counted = f"WITH changed AS ({sql.strip()} RETURNING 1) SELECT COUNT(*) AS n FROM changed"
        rows = await tx.execute_query_dict(counted, params)
    return int(rows[0]["n"])


async def add_contacts(
    actor: Actor, campaign_id: int, contact_ids: Any, *, now: datetime | None = None
) -> ContactsChange:
    """One pending execution per contact of the workspace; skips those already in the
    campaign (counting them); a soft-removed execution comes back fresh."""
    campaign = await load_campaign(actor, campaign_id, Action.ADD_CONTACTS)
    check_status(Action.ADD_CONTACTS, campaign.status, deleted=campaign.deleted_at is not None)
    ids = _int_ids(contact_ids)
    now = now or utcnow()
    dialect = current_dialect()
    change = ContactsChange()
    if not ids:
        return change
    m = placeholders(2)
    in_workspace_sql = (
        f"SELECT COUNT(*) AS n FROM {_ids_table(dialect, m[0])} i "
        f"{_driving_join(dialect)} contacts c ON c.id = i.id WHERE c.workspace = {m[1]}"
    )
    workspace = _workspace_of(campaign)
    async with in_transaction() as tx:
        rows = await tx.execute_query_dict(in_workspace_sql, [_ids_param(dialect, ids), workspace])
        found = int(rows[0]["n"])
        change.not_found = len(ids) - found
        revived = await _revive_removed(tx, dialect, campaign, ids, now)
        inserted = await _insert_executions(tx, dialect, campaign, ids, workspace, now)
        change.added = revived + inserted
        change.already_in = found - change.added
        if change.added and campaign.status == S.COMPLETED:
            await Campaign.filter(id=campaign.id, status=S.COMPLETED).update(
                status=S.ACTIVE, completed_at=None
            )
            change.reactivated = True
        if change.added:
            await _log_activity(campaign, f"{change.added} contact(s) added.")
    await invalidate_statistics(campaign.id)
    return change


def _workspace_of(campaign: Campaign) -> str:
    org_id = campaign.organization_id  # type: ignore[attr-defined]
    return f"o{org_id}" if org_id else f"u{campaign.created_by_id}"  # type: ignore[attr-defined]


def _context_json_sql(dialect: str) -> str:
    """The execution's starting context, built from the contact row inside the INSERT."""
    pairs = ", ".join(
        f"'{k}', c.{k}" for k in ("first_name", "last_name", "username", "phone", "language")
    )
    if dialect == "sqlite":
        return f"json_object({pairs}, 'tags', json(c.tags), 'fields', json(c.custom_fields))"
    return f"jsonb_build_object({pairs}, 'tags', c.tags, 'fields', c.custom_fields)"


def _variant_table(dialect: str, m: list[str]) -> str:
    if dialect == "sqlite":
        return (
            "(SELECT CAST(json_extract(value, '$[0]') AS INTEGER) AS id, "
            f"json_extract(value, '$[1]') AS variant FROM json_each({m[0]}))"
        )
    return f"(SELECT unnest({m[0]}::bigint[]) AS id, unnest({m[1]}::text[]) AS variant)"


async def _insert_executions(
    tx: Any, dialect: str, campaign: Campaign, ids: list[int], workspace: str, now: datetime
) -> int:
    m = placeholders(7)
    ab = campaign.ab_variants or {}
    if ab:
        variants = [assign_variant(campaign.id, cid, ab) for cid in ids]
        source = _variant_table(dialect, m[5:7])
        if dialect == "sqlite":
            params: list[Any] = [
                json.dumps([list(p) for p in zip(ids, variants, strict=True)]),
                None,
            ]
        else:
            params = [ids, variants]
        variant_col = "i.variant"
    else:
        source = _ids_table(dialect, m[5])
        params = [_ids_param(dialect, ids), None]
        variant_col = "NULL"
    if dialect == "sqlite" or not ab:
        params = params[:1]
        m = m[:6]
    sql = f"""
        INSERT INTO executions (campaign_id, contact_id, account_id, status, next_execution_at,
            context, variant, run, created_at, updated_at)
        SELECT {m[0]}, c.id, {m[1]}, {m[2]}, {m[3]}, {_context_json_sql(dialect)}, {variant_col},
            0, {m[3]}, {m[3]}
        FROM {source} i {_driving_join(dialect)} contacts c ON c.id = i.id
        WHERE c.workspace = {m[4]} AND NOT EXISTS (
            SELECT 1 FROM executions e WHERE e.campaign_id = {m[0]} AND e.contact_id = c.id)
    """
    values = [
        campaign.id,
        campaign.telegram_account_id,  # type: ignore[attr-defined]
        E.PENDING.value,
        _time_param(dialect, now),
        workspace,
        *params,
    ]
    return await _rowcount(tx, dialect, sql, values)


async def _revive_removed(
    tx: Any, dialect: str, campaign: Campaign, ids: list[int], now: datetime
) -> int:
    m = placeholders(4)
    sql = f"""
        UPDATE executions SET deleted_at = NULL, status = {m[0]}, current_node_id = NULL,
            next_execution_at = {m[1]}, completed_at = NULL, error_message = NULL,
            replied_at = NULL, run = run + 1, updated_at = {m[1]}
        WHERE campaign_id = {m[2]} AND deleted_at IS NOT NULL
          AND contact_id IN (SELECT id FROM {_ids_table(dialect, m[3])} AS ids)
    """
    params = [E.PENDING.value, _time_param(dialect, now), campaign.id, _ids_param(dialect, ids)]
    return await _rowcount(tx, dialect, sql, params)


async def remove_contacts(
    actor: Actor, campaign_id: int, contact_ids: Any, *, now: datetime | None = None
) -> ContactsChange:
    campaign = await load_campaign(actor, campaign_id, Action.REMOVE_CONTACTS)
    check_status(Action.REMOVE_CONTACTS, campaign.status, deleted=campaign.deleted_at is not None)
    ids = _int_ids(contact_ids)
    now = now or utcnow()
    removed = await Execution.filter(
        campaign_id=campaign.id, contact_id__in=ids, deleted_at=None
    ).update(deleted_at=now, lease_owner=None, lease_expires_at=None)
    change = ContactsChange(removed=removed, not_found=len(ids) - removed)
    if removed:
        await _log_activity(campaign, f"{removed} contact(s) removed.")
        await invalidate_statistics(campaign.id)
        if campaign.status == S.ACTIVE:
            await complete_if_done(campaign.id, now)
    return change


# ---------------------------------------------------------------- bulk


@dataclass
class BulkResult:
    id: Any
    ok: bool
    status: str | None = None
    error: str | None = None
    message: str | None = None


BULK_ACTIONS = {
    "enable": enable,
    "disable": disable,
    "launch": launch,
    "stop": stop,
    "delete": delete,
    "pause": pause,
    "restore": restore,
}


async def bulk_action(actor: Actor, action: Any, ids: Any) -> list[BulkResult]:
    """The same rules item by item; one refusal never stops the rest."""
    if action not in BULK_ACTIONS:
        raise Invalid(f"Unknown bulk action; use one of {', '.join(BULK_ACTIONS)}.")
    if not isinstance(ids, list) or not ids:
        raise Invalid("ids must be a non-empty list of campaign ids.")
    if len(ids) > 500:
        raise Invalid("At most 500 campaigns per bulk action.")
    results = []
    for campaign_id in ids:
        if not isinstance(campaign_id, int) or isinstance(campaign_id, bool):
            results.append(BulkResult(campaign_id, False, error="invalid", message="Not an id."))
            continue
        try:
            campaign = await BULK_ACTIONS[action](actor, campaign_id)
        except HeraldError as exc:
            results.append(BulkResult(campaign_id, False, error=exc.kind, message=exc.message))
        else:
            results.append(BulkResult(campaign_id, True, status=campaign.status.value))
    return results
