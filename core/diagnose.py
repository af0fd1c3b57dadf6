"""Diagnose (SPEC §3, "why isn't it sending?") and the account health figures every account
view shows (§7): each check run live and answered in plain words."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from core import permissions
from core.campaigns import launch_requirements, load_campaign
from core.clock import utcnow
from core.db import connection, current_dialect, placeholders
from core.flows import check_flow
from core.permissions import Action, Actor
from models import (
    AccountLease,
    AccountStatus,
    CampaignStatistics,
    CampaignStatus,
    ExecutionStatus,
    TelegramAccount,
)

YOUNG_ACCOUNT = timedelta(days=14)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    text: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "never"


def _param(value: datetime) -> Any:
    return value.isoformat(sep=" ") if current_dialect() == "sqlite" else value


# ---------------------------------------------------------------- accounts


@dataclass
class AccountUsage:
    new_today: int
    new_limit: int
    sent_this_hour: int
    hourly_limit: int
    last_sent_at: datetime | None
    next_send_at: datetime | None


def new_conversation_limit(account: TelegramAccount, now: datetime) -> int:
    created = account.account_created_at
    if created is not None and now - created < YOUNG_ACCOUNT:
        return account.young_daily_new_limit
    return account.daily_new_limit


async def account_usage(account: TelegramAccount, now: datetime | None = None) -> AccountUsage:
    """Today's new conversations and this hour's messages against the account's limits,
    counted by the database from the messages sent."""
    now = now or utcnow()
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    m = placeholders(3)
    sql = f"""
        SELECT
            SUM(CASE WHEN m.sent_at >= {m[1]} THEN 1 ELSE 0 END) AS hour_n,
            MAX(m.sent_at) AS last_sent
        FROM messages m
        WHERE m.account_id = {m[0]} AND m.direction = 'out' AND m.sent_at >= {m[2]}
    """
    hour_ago = now - timedelta(hours=1)
    rows = await connection().execute_query_dict(
        sql, [account.id, _param(hour_ago), _param(min(day, hour_ago))]
    )
    row = rows[0] if rows else {}
    last = row.get("last_sent")
    if isinstance(last, str):
        last = datetime.fromisoformat(last)
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    new_today = await _new_today(account.id, day)
    next_at = last + timedelta(seconds=account.min_interval_seconds) if last else None
    if account.flood_wait_until and (next_at is None or account.flood_wait_until > next_at):
        next_at = account.flood_wait_until
    return AccountUsage(
        new_today=new_today,
        new_limit=new_conversation_limit(account, now),
        sent_this_hour=int(row.get("hour_n") or 0),
        hourly_limit=account.hourly_limit,
        last_sent_at=last,
        next_send_at=next_at if next_at and next_at > now else None,
    )


async def _new_today(account_id: int, day: datetime) -> int:
    m = placeholders(2)
    sql = f"""
        SELECT COUNT(DISTINCT m.contact_id) AS n FROM messages m
        WHERE m.account_id = {m[0]} AND m.direction = 'out' AND m.sent_at >= {m[1]}
          AND NOT EXISTS (SELECT 1 FROM messages p WHERE p.account_id = m.account_id
              AND p.contact_id = m.contact_id AND p.direction = 'out' AND p.sent_at < {m[1]})
    """
    rows = await connection().execute_query_dict(sql, [account_id, _param(day)])
    return int(rows[0]["n"] or 0) if rows else 0


async def visible_accounts(actor: Actor) -> list[TelegramAccount]:
    """The accounts the actor may use in this workspace (their own, and shared ones)."""
    rows = await TelegramAccount.filter(
        organization_id=actor.organization_id, deleted_at=None
    ).order_by("id")
    return [
        a
        for a in rows
        if permissions.can_use_account(
            actor,
            a.organization_id,  # type: ignore[attr-defined]
            a.created_by_id,  # type: ignore[attr-defined]
            a.shared,
        )
    ]


async def get_account(actor: Actor, account_id: int) -> TelegramAccount:
    from core.errors import NotFound

    for account in await visible_accounts(actor):
        if account.id == account_id:
            return account
    raise NotFound("Telegram account not found.")


def account_health(account: TelegramAccount, now: datetime | None = None) -> Check:
    """Healthy only when connected and not parked (§7), in one sentence."""
    now = now or utcnow()
    label = account.phone or account.username or f"account {account.id}"
    if account.status != AccountStatus.CONNECTED:
        extra = f" ({account.last_error})" if account.last_error else ""
        return Check("account", False, f"The account {label} is {account.status.value}{extra}.")
    if account.flood_wait_until and account.flood_wait_until > now:
        return Check(
            "account",
            False,
            f"The account {label} is parked by Telegram until {_when(account.flood_wait_until)}.",
        )
    if account.limited_until and account.limited_until > now:
        return Check(
            "account",
            True,
            f"The account {label} is connected but may not start new conversations until "
            f"{_when(account.limited_until)}.",
        )
    return Check("account", True, f"The account {label} is connected and healthy.")


async def lease_of(account_id: int) -> AccountLease | None:
    return await AccountLease.get_or_none(account_id=account_id)


async def request_account_test(actor: Actor, account_id: int) -> int:
    """Ask the account's runner for a health check (the runner owns the only live client).
    Returns the command id."""
    from models import AccountCommand

    account = await get_account(actor, account_id)
    command = await AccountCommand.create(
        account=account, kind="health_check", created_by_id=actor.user_id
    )
    return command.id


# ---------------------------------------------------------------- campaigns


async def _execution_counts(campaign_id: int, now: datetime) -> dict[str, Any]:
    """Executions per status, how many are due, and the next time one will be: each an
    index range over (campaign, deleted_at, status, next_execution_at), not a row scan."""
    conn = connection()
    m = placeholders(3)
    live = f"campaign_id = {m[0]} AND deleted_at IS NULL"
    by_status = await conn.execute_query_dict(
        f"SELECT status, COUNT(*) AS n FROM executions WHERE {live} GROUP BY status", [campaign_id]
    )
    due = await conn.execute_query_dict(
        f"SELECT COUNT(*) AS n FROM executions WHERE {live} AND status = {m[1]} "
        f"AND next_execution_at <= {m[2]}",
        [campaign_id, ExecutionStatus.PENDING.value, _param(now)],
    )
    next_times = []
    for status in (ExecutionStatus.PENDING, ExecutionStatus.WAITING):
        rows = await conn.execute_query_dict(
            f"SELECT MIN(next_execution_at) AS t FROM executions WHERE {live} "
            f"AND status = {m[1]} AND next_execution_at > {m[2]}",
            [campaign_id, status.value, _param(now)],
        )
        if rows and rows[0]["t"] is not None:
            value = rows[0]["t"]
            next_times.append(datetime.fromisoformat(value) if isinstance(value, str) else value)
    return {
        "by_status": {r["status"]: int(r["n"]) for r in by_status},
        "due": int(due[0]["n"]),
        "next_at": min(next_times) if next_times else None,
    }


async def diagnose(actor: Actor, campaign_id: int, now: datetime | None = None) -> list[Check]:
    """Every reason the campaign may not be sending, each check live."""
    now = now or utcnow()
    campaign = await load_campaign(actor, campaign_id, Action.VIEW)
    checks: list[Check] = []
    status = campaign.status
    if campaign.deleted_at is not None:
        checks.append(Check("status", False, "The campaign is deleted: restore it first."))
    elif status == CampaignStatus.ACTIVE:
        checks.append(Check("status", True, "The campaign is active."))
    elif status == CampaignStatus.SCHEDULED:
        checks.append(
            Check(
                "status",
                False,
                f"The campaign is scheduled to start at {_when(campaign.scheduled_start_at)}.",
            )
        )
    else:
        checks.append(
            Check("status", False, f"The campaign is {status.value}, so nothing is sent.")
        )
    checks.append(
        Check("enabled", True, "The campaign is enabled.")
        if campaign.enabled
        else Check("enabled", False, "The campaign is disabled: enable it, then launch it.")
    )

    account_id = campaign.telegram_account_id  # type: ignore[attr-defined]
    account = (
        await TelegramAccount.get_or_none(id=account_id, deleted_at=None) if account_id else None
    )
    if account is None:
        checks.append(Check("account", False, "The campaign has no Telegram account."))
    else:
        checks.append(account_health(account, now))
        usage = await account_usage(account, now)
        pacing_ok = usage.new_today < usage.new_limit and usage.sent_this_hour < usage.hourly_limit
        text = (
            f"Today {usage.new_today} of {usage.new_limit} new conversations and "
            f"{usage.sent_this_hour} of {usage.hourly_limit} messages this hour"
        )
        text += (
            f"; next send allowed at {_when(usage.next_send_at)}."
            if usage.next_send_at
            else "; the account may send now."
        )
        checks.append(Check("pacing", pacing_ok, text))
        lease = await lease_of(account.id)
        if lease is None or lease.expires_at <= now:
            checks.append(
                Check(
                    "worker",
                    False,
                    "No worker holds the account right now; start `herald worker` "
                    "(or `herald run`).",
                )
            )
        else:
            checks.append(
                Check(
                    "worker",
                    True,
                    f"Worker {lease.owner} holds the account (last heartbeat "
                    f"{_when(lease.heartbeat_at)}).",
                )
            )

    counts = await _execution_counts(campaign.id, now)
    total = sum(counts["by_status"].values())
    if not total:
        checks.append(Check("contacts", False, "The campaign has no contacts: add some."))
    else:
        unfinished = sum(
            counts["by_status"].get(s.value, 0)
            for s in (ExecutionStatus.PENDING, ExecutionStatus.RUNNING, ExecutionStatus.WAITING)
        )
        checks.append(
            Check(
                "contacts",
                unfinished > 0,
                f"{total} contact(s) in the campaign, {unfinished} still in progress.",
            )
        )
        due, upcoming = counts["due"], counts["next_at"]
        text = f"{due} execution(s) due now"
        text += (
            f"; the next one is at {_when(upcoming)}." if upcoming else "; none scheduled later."
        )
        checks.append(Check("due", due > 0 or upcoming is not None, text))

    if not campaign.flow:
        checks.append(Check("flow", False, "The campaign has no flow yet."))
    else:
        report = check_flow(campaign.flow, list(campaign.ab_variants))
        checks.append(
            Check("flow", True, "The flow is valid.")
            if report.ok
            else Check(
                "flow",
                False,
                "The flow has problems: " + " ".join(p.message for p in report.problems[:5]),
            )
        )

    cached = await CampaignStatistics.get_or_none(campaign_id=campaign.id)
    if cached is None:
        checks.append(Check("statistics", True, "Statistics are computed on the next view."))
    else:
        age = int((now - cached.computed_at).total_seconds())
        checks.append(Check("statistics", True, f"Statistics were computed {age} s ago."))

    if campaign.error_message and status != CampaignStatus.ACTIVE:
        checks.append(Check("last_error", False, f"Last stop reason: {campaign.error_message}"))
    if status in (CampaignStatus.DRAFT, CampaignStatus.PAUSED):
        problems = await launch_requirements(campaign, now)
        if problems:
            checks.append(
                Check(
                    "launch",
                    False,
                    "Before it can launch: " + " ".join(p.message for p in problems),
                )
            )
    return checks
