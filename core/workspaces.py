"""Users, organizations, memberships and invitations: who is in which workspace."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import Conflict, Invalid, NotFound
from core.permissions import Actor, OrgAction, check_member_change, check_org
from models import Invitation, Membership, Organization, Role, User

INVITATION_TTL = timedelta(days=7)


async def ensure_user(telegram_id: int, name: str = "", username: str | None = None) -> User:
    """The user for a Telegram id, created on first contact."""
    user, created = await User.get_or_create(
        telegram_id=telegram_id, defaults={"name": name, "username": username}
    )
    if not created and ((name and user.name != name) or (username and user.username != username)):
        user.name = name or user.name
        user.username = username or user.username
        await user.save(update_fields=["name", "username"])
    return user


async def get_user(telegram_id: int) -> User:
    user = await User.get_or_none(telegram_id=telegram_id)
    if user is None:
        raise NotFound(f"No user with Telegram id {telegram_id}.")
    return user


async def role_in(user_id: int, organization_id: int) -> Role | None:
    membership = await Membership.get_or_none(user_id=user_id, organization_id=organization_id)
    return membership.role if membership else None


async def actor_for(user: User, organization_id: int | None) -> Actor:
    """The user acting in a workspace; NotFound when they are not a member of it."""
    if organization_id is None:
        return Actor(user_id=user.id)
    role = await role_in(user.id, organization_id)
    if role is None:
        raise NotFound("Organization not found.")
    return Actor(user_id=user.id, organization_id=organization_id, role=role)


async def current_actor(user: User) -> Actor:
    """The user in their current workspace, falling back to personal if they left it."""
    org_id = user.current_organization_id  # type: ignore[attr-defined]
    if org_id is not None and await role_in(user.id, org_id) is not None:
        return await actor_for(user, org_id)
    return Actor(user_id=user.id)


async def switch_workspace(user: User, organization_id: int | None) -> Actor:
    actor = await actor_for(user, organization_id)
    user.current_organization_id = organization_id  # type: ignore[attr-defined]
    await user.save(update_fields=["current_organization_id"])
    return actor


@dataclass(frozen=True)
class WorkspaceChoice:
    organization_id: int | None
    name: str
    role: Role | None


async def workspaces_of(user: User) -> list[WorkspaceChoice]:
    choices = [WorkspaceChoice(None, "Personal", None)]
    async for m in (
        Membership.filter(user_id=user.id).prefetch_related("organization").order_by("id")
    ):
        choices.append(WorkspaceChoice(m.organization.id, m.organization.name, m.role))
    return choices


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise Invalid("The organization needs a name.")
    if len(name) > 200:
        raise Invalid("The organization name is longer than 200 characters.")
    return name


async def create_organization(owner: User, name: str, description: str = "") -> Organization:
    async with in_transaction():
        org = await Organization.create(name=_clean_name(name), description=description)
        await Membership.create(organization=org, user=owner, role=Role.OWNER)
    return org


async def add_member(actor: Actor, user: User, role: Role) -> Membership:
    """Direct addition (administration command); invitations go through `accept_invitation`."""
    check_org(actor.role, OrgAction.INVITE)
    if role == Role.OWNER:
        raise Invalid("An organization has one owner; add members as admin or member.")
    if await Membership.exists(organization_id=actor.organization_id, user_id=user.id):
        raise Conflict("That user is already a member of this organization.")
    return await Membership.create(organization_id=actor.organization_id, user=user, role=role)


async def change_role(actor: Actor, member_user_id: int, new_role: Role) -> Membership:
    membership = await Membership.get_or_none(
        organization_id=actor.organization_id, user_id=member_user_id
    )
    if membership is None or actor.role is None:
        raise NotFound("Member not found.")
    check_member_change(actor.role, membership.role, new_role)
    membership.role = new_role
    await membership.save(update_fields=["role"])
    return membership


async def remove_member(actor: Actor, member_user_id: int) -> None:
    membership = await Membership.get_or_none(
        organization_id=actor.organization_id, user_id=member_user_id
    )
    if membership is None or actor.role is None:
        raise NotFound("Member not found.")
    check_member_change(actor.role, membership.role, None)
    await membership.delete()


async def transfer_ownership(actor: Actor, new_owner_user_id: int) -> None:
    check_org(actor.role, OrgAction.TRANSFER_OWNERSHIP)
    async with in_transaction():
        target = await Membership.get_or_none(
            organization_id=actor.organization_id, user_id=new_owner_user_id
        )
        if target is None:
            raise NotFound("Member not found.")
        await Membership.filter(
            organization_id=actor.organization_id, user_id=actor.user_id
        ).update(role=Role.ADMIN)
        target.role = Role.OWNER
        await target.save(update_fields=["role"])


async def update_organization(
    actor: Actor,
    *,
    name: str | None = None,
    description: str | None = None,
    admin_view_enabled: bool | None = None,
) -> Organization:
    if actor.organization_id is None:
        raise NotFound("Organization not found.")
    org = await Organization.get(id=actor.organization_id)
    changed = []
    if name is not None or description is not None:
        check_org(actor.role, OrgAction.RENAME)
        if name is not None:
            org.name = _clean_name(name)
            changed.append("name")
        if description is not None:
            org.description = description
            changed.append("description")
    if admin_view_enabled is not None:
        check_org(actor.role, OrgAction.TOGGLE_ADMIN_VIEW)
        org.admin_view_enabled = admin_view_enabled
        changed.append("admin_view_enabled")
    if changed:
        await org.save(update_fields=changed)
    return org


async def delete_organization(actor: Actor) -> None:
    check_org(actor.role, OrgAction.DELETE)
    await Organization.filter(id=actor.organization_id).delete()


async def create_invitation(
    actor: Actor, role: Role, ttl: timedelta = INVITATION_TTL
) -> Invitation:
    check_org(actor.role, OrgAction.INVITE)
    if role not in (Role.ADMIN, Role.MEMBER):
        raise Invalid("Invitations are for the admin or member role.")
    return await Invitation.create(
        organization_id=actor.organization_id,
        token=secrets.token_urlsafe(16),
        role=role,
        created_by_id=actor.user_id,
        expires_at=utcnow() + ttl,
    )


async def revoke_invitation(actor: Actor, invitation_id: int) -> None:
    check_org(actor.role, OrgAction.INVITE)
    updated = await Invitation.filter(
        id=invitation_id, organization_id=actor.organization_id, used_at=None
    ).update(revoked_at=utcnow())
    if not updated:
        raise NotFound("Invitation not found.")


async def accept_invitation(user: User, token: str, now: datetime | None = None) -> Membership:
    """Join through an invite link; each link works once, until it expires or is revoked."""
    now = now or utcnow()
    async with in_transaction():
        invitation = await Invitation.get_or_none(token=token)
        if invitation is None or invitation.revoked_at is not None:
            raise NotFound("This invitation link is not valid.")
        if invitation.used_at is not None:
            raise Conflict("This invitation link was already used.")
        if invitation.expires_at <= now:
            raise Conflict("This invitation link has expired; ask for a new one.")
        if await Membership.exists(organization_id=invitation.organization_id, user_id=user.id):
            raise Conflict("You are already a member of this organization.")
        claimed = await Invitation.filter(id=invitation.id, used_at=None).update(
            used_at=now, used_by_id=user.id
        )
        if not claimed:
            raise Conflict("This invitation link was already used.")
        return await Membership.create(
            organization_id=invitation.organization_id, user=user, role=invitation.role
        )


async def organization_admin_view(organization_id: int | None) -> bool:
    if organization_id is None:
        return False
    org = await Organization.get_or_none(id=organization_id).only("id", "admin_view_enabled")
    return bool(org and org.admin_view_enabled)
