"""Organizations, memberships, invitations and the workspace switcher."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import workspaces as ws
from core.clock import utcnow
from core.errors import Conflict, Forbidden, Invalid, NotFound
from core.permissions import Actor
from models import Membership, Organization, Role
from tests import factories as f

pytestmark = pytest.mark.integration


@pytest.fixture
async def org(db):
    owner = await f.user("Owner")
    organization = await ws.create_organization(owner, " Acme ")
    return organization, owner, Actor(owner.id, organization.id, Role.OWNER)


async def test_creator_is_the_owner(org):
    organization, owner, _ = org
    assert organization.name == "Acme" and organization.admin_view_enabled is False
    assert (await Membership.get(organization=organization, user=owner)).role == Role.OWNER
    with pytest.raises(Invalid):
        await ws.create_organization(owner, "   ")


async def test_invitation_is_single_use_expiring_and_revocable(org):
    organization, _, owner = org
    invite = await ws.create_invitation(owner, Role.ADMIN)
    joiner = await f.user()
    membership = await ws.accept_invitation(joiner, invite.token)
    assert membership.role == Role.ADMIN
    with pytest.raises(Conflict, match="already used"):
        await ws.accept_invitation(await f.user(), invite.token)

    late = await ws.create_invitation(owner, Role.MEMBER)
    with pytest.raises(Conflict, match="expired"):
        await ws.accept_invitation(await f.user(), late.token, now=utcnow() + timedelta(days=8))

    revoked = await ws.create_invitation(owner, Role.MEMBER)
    await ws.revoke_invitation(owner, revoked.id)
    with pytest.raises(NotFound):
        await ws.accept_invitation(await f.user(), revoked.token)
    with pytest.raises(NotFound):
        await ws.accept_invitation(await f.user(), "no-such-token")
    with pytest.raises(Invalid):
        await ws.create_invitation(owner, Role.OWNER)


async def test_members_cannot_invite_and_admins_cannot_rename(org):
    organization, _, owner = org
    _, member = await f.member(organization, Role.MEMBER)
    _, admin = await f.member(organization, Role.ADMIN)
    with pytest.raises(Forbidden):
        await ws.create_invitation(member, Role.MEMBER)
    with pytest.raises(Forbidden):
        await ws.update_organization(admin, name="Hijacked")
    await ws.update_organization(admin, admin_view_enabled=True)
    assert (await Organization.get(id=organization.id)).admin_view_enabled
    with pytest.raises(Forbidden):
        await ws.update_organization(member, admin_view_enabled=False)
    renamed = await ws.update_organization(owner, name="Acme Ltd")
    assert renamed.name == "Acme Ltd"


async def test_role_changes_and_ownership_transfer(org):
    organization, owner_user, owner = org
    member_user, _ = await f.member(organization, Role.MEMBER)
    admin_user, admin = await f.member(organization, Role.ADMIN)
    await ws.change_role(admin, member_user.id, Role.ADMIN)
    with pytest.raises(Forbidden):
        await ws.change_role(admin, member_user.id, Role.MEMBER)  # an admin now
    with pytest.raises(Forbidden):
        await ws.change_role(admin, owner_user.id, Role.MEMBER)
    with pytest.raises(Forbidden):
        await ws.change_role(owner, member_user.id, Role.OWNER)
    await ws.transfer_ownership(owner, admin_user.id)
    assert await ws.role_in(admin_user.id, organization.id) == Role.OWNER
    assert await ws.role_in(owner_user.id, organization.id) == Role.ADMIN
    new_owner = Actor(admin_user.id, organization.id, Role.OWNER)
    await ws.remove_member(new_owner, member_user.id)
    assert await ws.role_in(member_user.id, organization.id) is None
    with pytest.raises(NotFound):
        await ws.remove_member(new_owner, 10**6)


async def test_switching_workspaces(org):
    organization, owner_user, _ = org
    stranger = await f.user()
    with pytest.raises(NotFound):
        await ws.actor_for(stranger, organization.id)
    actor = await ws.switch_workspace(owner_user, organization.id)
    assert (actor.organization_id, actor.role) == (organization.id, Role.OWNER)
    assert (await ws.current_actor(owner_user)).organization_id == organization.id
    choices = await ws.workspaces_of(owner_user)
    assert [(c.organization_id, c.role) for c in choices] == [
        (None, None),
        (organization.id, Role.OWNER),
    ]
    await Membership.filter(user=owner_user).delete()
    assert (await ws.current_actor(owner_user)).is_personal  # fell back after leaving


async def test_owner_deletes_the_organization(org):
    organization, _, owner = org
    _, admin = await f.member(organization, Role.ADMIN)
    with pytest.raises(Forbidden):
        await ws.delete_organization(admin)
    await ws.delete_organization(owner)
    assert not await Organization.exists(id=organization.id)


async def test_api_tokens_and_signin_links(db):
    from core.credentials import (
        consume_signin_token,
        create_api_token,
        create_signin_token,
        revoke_api_token,
        user_for_api_token,
    )

    user = await f.user()
    secret, row = await create_api_token(user, "ci")
    assert (await user_for_api_token(secret)).id == user.id
    assert await user_for_api_token("hrld_wrong") is None
    await revoke_api_token(user, row.id)
    assert await user_for_api_token(secret) is None

    link = await create_signin_token(user)
    assert (await consume_signin_token(link)).id == user.id
    assert await consume_signin_token(link) is None  # single use
    stale = await create_signin_token(user, now=utcnow() - timedelta(minutes=11))
    assert await consume_signin_token(stale) is None  # ten minutes
