"""`herald …`: start the parts, migrate, and administer from the shell (SPEC §12).
Administration commands print what they made, or JSON with --json."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from core.errors import HeraldError
from core.settings import Settings, SettingsError, load_settings

NOT_BUILT = {
    "run": "everything in one process",
    "bot": "the bot",
    "worker": "the engine worker",
    "scheduler": "the scheduler",
    "demo": "the demo",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="herald", description="Telegram outreach campaigns, run from Telegram itself."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, what in NOT_BUILT.items():
        sub.add_parser(name, help=f"start {what}")
    sub.add_parser("migrate", help="create or upgrade the database schema")
    sub.add_parser("panel", help="serve the web panel and the JSON API")
    sub.add_parser("sandbox", help="start the local Telegram (Bot API + MTProto DC); --help")

    def admin(group: Any, name: str, help_text: str) -> argparse.ArgumentParser:
        p = group.add_parser(name, help=help_text)
        p.add_argument("--json", action="store_true", help="print JSON for machines")
        return p

    user = sub.add_parser("user", help="users").add_subparsers(dest="action", required=True)
    p = admin(user, "create", "create a user by Telegram id")
    p.add_argument("--telegram-id", type=int, required=True)
    p.add_argument("--name", default="")

    org = sub.add_parser("org", help="organizations").add_subparsers(dest="action", required=True)
    p = admin(org, "create", "create an organization")
    p.add_argument("--owner", type=int, required=True, metavar="TELEGRAM_ID")
    p.add_argument("--name", required=True)
    p = admin(org, "add-member", "add a member to an organization")
    p.add_argument("org_id", type=int, metavar="ORG_ID")
    p.add_argument("--telegram-id", type=int, required=True)
    p.add_argument("--role", choices=["admin", "member"], required=True)
    p = admin(org, "set", "change an organization's settings")
    p.add_argument("org_id", type=int, metavar="ORG_ID")
    p.add_argument("--admin-view-enabled", choices=["true", "false"], required=True)

    token = sub.add_parser("token", help="API tokens").add_subparsers(dest="action", required=True)
    p = admin(token, "create", "create an API token (printed once)")
    p.add_argument("--telegram-id", type=int, required=True)
    p.add_argument("--name", default="")

    p = admin(sub, "signin-link", "print a one-time panel sign-in link")
    p.add_argument("--telegram-id", type=int, required=True)

    account = sub.add_parser("account", help="Telegram accounts").add_subparsers(
        dest="action", required=True
    )
    p = admin(account, "import", "connect an account from a Telethon session string")
    p.add_argument("--telegram-id", type=int, required=True)
    p.add_argument("--org", type=int, default=None, metavar="ORG_ID")
    p.add_argument("--session-string", required=True)
    p.add_argument("--shared", action="store_true", help="usable by every member")

    contacts = sub.add_parser("contacts", help="contacts").add_subparsers(
        dest="action", required=True
    )
    p = admin(contacts, "import", "import contacts from a CSV or XLSX file")
    p.add_argument("file", type=Path)
    p.add_argument("--telegram-id", type=int, required=True)
    p.add_argument("--org", type=int, default=None, metavar="ORG_ID")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["sandbox"]:
        # The sandbox parses its own options (it imports nothing of Herald).
        from sandbox.__main__ import main as sandbox_main

        return sandbox_main(argv[1:]) or 0
    args = _parser().parse_args(argv)
    if args.command in NOT_BUILT:
        print(
            f"herald {args.command}: {NOT_BUILT[args.command]} is not built yet.", file=sys.stderr
        )
        return 2
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "migrate":
        return asyncio.run(_migrate(settings))
    if args.command == "panel":
        from panel.app import run

        run(settings)
        return 0
    handler = ADMIN[(args.command, getattr(args, "action", None))]
    return asyncio.run(_run_admin(settings, handler, args))


async def _migrate(settings: Settings) -> int:
    from core.db import migrate

    applied = await migrate(settings.database_url)
    print("Applied: " + ", ".join(applied) if applied else "The database is up to date.")
    return 0


async def _run_admin(
    settings: Settings, handler: Callable[..., Awaitable[dict[str, Any]]], args: argparse.Namespace
) -> int:
    from tortoise.exceptions import OperationalError

    from core.db import close_db, init_db

    await init_db(settings.database_url)
    try:
        result = await handler(settings, args)
    except HeraldError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        if "no such table" in str(exc) or "does not exist" in str(exc):
            print("error: the database is not set up; run `herald migrate` first.", file=sys.stderr)
            return 1
        raise
    finally:
        await close_db()
    text = result.pop("_text")
    print(json.dumps(result, default=str) if args.json else text)
    return 0


# ---------------------------------------------------------------- administration


async def _user_create(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    from core.workspaces import ensure_user

    user = await ensure_user(args.telegram_id, args.name)
    return {
        "id": user.id,
        "telegram_id": user.telegram_id,
        "name": user.name,
        "_text": f"User {user.id} (Telegram id {user.telegram_id}) {user.name}".rstrip(),
    }


async def _org_create(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    from core.workspaces import create_organization, ensure_user

    owner = await ensure_user(args.owner)
    org = await create_organization(owner, args.name)
    return {
        "id": org.id,
        "name": org.name,
        "owner_telegram_id": owner.telegram_id,
        "_text": f"Organization {org.id} {org.name!r}, owner Telegram id {owner.telegram_id}",
    }


async def _org_owner_actor(org_id: int):
    from core.errors import NotFound
    from core.permissions import Actor
    from models import Membership, Role

    owner = await Membership.get_or_none(organization_id=org_id, role=Role.OWNER)
    if owner is None:
        raise NotFound(f"No organization with id {org_id}.")
    return Actor(owner.user_id, org_id, Role.OWNER)  # type: ignore[attr-defined]


async def _org_add_member(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    from core.workspaces import add_member, ensure_user
    from models import Role

    actor = await _org_owner_actor(args.org_id)
    user = await ensure_user(args.telegram_id)
    membership = await add_member(actor, user, Role(args.role))
    return {
        "organization_id": args.org_id,
        "telegram_id": user.telegram_id,
        "role": membership.role.value,
        "_text": f"Telegram id {user.telegram_id} is now {membership.role.value} "
        f"of organization {args.org_id}",
    }


async def _org_set(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    from core.workspaces import update_organization

    actor = await _org_owner_actor(args.org_id)
    org = await update_organization(actor, admin_view_enabled=args.admin_view_enabled == "true")
    return {
        "id": org.id,
        "admin_view_enabled": org.admin_view_enabled,
        "_text": f"Organization {org.id}: admin_view_enabled = "
        f"{str(org.admin_view_enabled).lower()}",
    }


async def _token_create(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    from core.credentials import create_api_token
    from core.workspaces import get_user

    user = await get_user(args.telegram_id)
    secret, row = await create_api_token(user, args.name)
    return {
        "id": row.id,
        "token": secret,
        "_text": f"{secret}\n(API token {row.id} for Telegram id {user.telegram_id}; "
        "it is shown only this once)",
    }


async def _signin_link(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    from core.credentials import create_signin_token
    from core.workspaces import get_user

    user = await get_user(args.telegram_id)
    secret = await create_signin_token(user)
    base = settings.panel.base_url or f"http://{settings.panel.host}:{settings.panel.port}"
    link = f"{base.rstrip('/')}/signin/{secret}"
    return {"url": link, "_text": f"{link}\n(valid once, for 10 minutes)"}


async def _account_import(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    from accounts.health import require_identity
    from accounts.sessions import check_session_string
    from accounts.store import save_account
    from core.workspaces import actor_for, get_user

    user = await get_user(args.telegram_id)
    actor = await actor_for(user, args.org)
    check_session_string(args.session_string)
    # Connect and ask get_me before saving: a dead session is refused, not stored.
    identity = await require_identity(settings, args.session_string)
    account = await save_account(settings, actor, args.session_string, identity, shared=args.shared)
    who = f"@{identity.username}" if identity.username else identity.first_name
    return {
        "id": account.id,
        "status": account.status.value,
        "telegram_user_id": identity.telegram_user_id,
        "username": identity.username,
        "_text": f"Account {account.id} saved: {who} ({account.status.value}).",
    }


async def _contacts_import(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    from core.contacts import import_contacts
    from core.errors import Invalid
    from core.workspaces import actor_for, get_user

    user = await get_user(args.telegram_id)
    actor = await actor_for(user, args.org)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise Invalid(f"Cannot read {args.file}: {exc.strerror}.") from None
    report = await import_contacts(actor, data, args.file.name)
    lines = [f"Created {report.created}, updated {report.updated}, skipped {len(report.skipped)}."]
    lines += [f"  row {s.row}: {s.reason}" for s in report.skipped]
    lines += [f"  row {w.row} (kept): {w.reason}" for w in report.warnings]
    return {**report.as_dict(), "_text": "\n".join(lines)}


ADMIN: dict[tuple[str, str | None], Callable[..., Awaitable[dict[str, Any]]]] = {
    ("user", "create"): _user_create,
    ("org", "create"): _org_create,
    ("org", "add-member"): _org_add_member,
    ("org", "set"): _org_set,
    ("token", "create"): _token_create,
    ("signin-link", None): _signin_link,
    ("account", "import"): _account_import,
    ("contacts", "import"): _contacts_import,
}
