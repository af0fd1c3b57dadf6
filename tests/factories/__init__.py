"""Rows tests need over and over, made through core/ where a rule is involved."""

from __future__ import annotations

import itertools
from typing import Any

from core import campaigns, workspaces
from core.permissions import Actor
from models import AccountStatus, Contact, Organization, Role, TelegramAccount, User

_ids = itertools.count(1000)

SIMPLE_FLOW: dict[str, Any] = {
    "nodes": [
        {"id": "start", "type": "start"},
        {"id": "hello", "type": "send_message", "text": "Hi {{ first_name }}"},
        {"id": "end", "type": "end"},
    ],
    "edges": [{"from": "start", "to": "hello"}, {"from": "hello", "to": "end"}],
}


async def user(name: str = "") -> User:
    n = next(_ids)
    return await workspaces.ensure_user(100_000 + n, name or f"user{n}")


async def organization(owner: User, **settings: Any) -> Organization:
    org = await workspaces.create_organization(owner, f"Org {next(_ids)}")
    if settings:
        await Organization.filter(id=org.id).update(**settings)
    return org


async def member(org: Organization, role: Role) -> tuple[User, Actor]:
    u = await user()
    if role != Role.OWNER:
        from models import Membership

        await Membership.create(organization=org, user=u, role=role)
    return u, Actor(u.id, org.id, role)


async def account(actor: Actor, status: AccountStatus = AccountStatus.CONNECTED) -> TelegramAccount:
    return await TelegramAccount.create(
        organization_id=actor.organization_id,
        created_by_id=actor.user_id,
        phone=f"+1555{next(_ids):07d}",
        status=status,
        shared=True,
    )


async def contacts(actor: Actor, count: int, **extra: Any) -> list[Contact]:
    rows = []
    for _ in range(count):
        n = next(_ids)
        rows.append(
            Contact(
                organization_id=actor.organization_id,
                created_by_id=actor.user_id,
                workspace=actor.workspace_key,
                telegram_id=500_000 + n,
                first_name=f"Lead{n}",
                tags=[],
                custom_fields={},
                **extra,
            )
        )
    await Contact.bulk_create(rows)
    return await Contact.filter(workspace=actor.workspace_key).order_by("-id").limit(count)


async def campaign(actor: Actor, **data: Any):
    fields = {"name": f"Campaign {next(_ids)}", "flow": SIMPLE_FLOW, **data}
    return await campaigns.create_campaign(actor, fields)


async def ready_campaign(actor: Actor, leads: int = 3, **data: Any):
    """A draft with a connected account, a valid flow and `leads` contacts: launchable."""
    acc = await account(actor)
    c = await campaign(actor, telegram_account_id=acc.id, **data)
    people = await contacts(actor, leads)
    await campaigns.add_contacts(actor, c.id, [p.id for p in people])
    return c
