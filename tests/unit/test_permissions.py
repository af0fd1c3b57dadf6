"""The permission table of SPEC §2, written out as a table and checked exhaustively:
every role × own/other × admin_view_enabled × workspace × every action."""

from __future__ import annotations

import itertools

import pytest

from core.errors import Forbidden, NotFound
from core.permissions import (
    Action,
    Actor,
    CampaignRef,
    OrgAction,
    applied_view_mode,
    can_use_account,
    check,
    check_member_change,
    check_org,
    decide,
)
from models import Role

VIEW = [Action.VIEW]
MANAGE = [
    Action.EDIT,
    Action.ENABLE,
    Action.DISABLE,
    Action.ADD_CONTACTS,
    Action.REMOVE_CONTACTS,
    Action.DELETE,
    Action.RESTORE,
    Action.DUPLICATE,
]
RUN = [Action.LAUNCH, Action.PAUSE, Action.STOP, Action.CANCEL_SCHEDULE]
assert set(VIEW + MANAGE + RUN) == set(Action), "every action of §2 is in one group"

ORG, ME, OTHER = 7, 1, 2
# A = allowed, N = not found, F = forbidden; columns: view | manage | run.
# "outsider" is a user who is not (or no longer) a member of the organization.
TABLE = """
role      campaign  admin_view  view  manage  run
owner     own       off         A     A       A
owner     own       on          A     A       A
owner     other     off         N     N       N
owner     other     on          A     A       F
admin     own       off         A     A       A
admin     own       on          A     A       A
admin     other     off         N     N       N
admin     other     on          A     A       F
member    own       off         A     A       A
member    own       on          A     A       A
member    other     off         N     N       N
member    other     on          N     N       N
outsider  own       off         N     N       N
outsider  own       on          N     N       N
outsider  other     off         N     N       N
outsider  other     on          N     N       N
personal  own       off         A     A       A
personal  own       on          A     A       A
personal  other     off         N     N       N
personal  other     on          N     N       N
"""
OUTCOME = {"A": "allowed", "N": "not_found", "F": "forbidden"}


def _rows() -> list[tuple[str, str, bool, Action, str]]:
    rows = []
    for line in TABLE.strip().splitlines()[1:]:
        role, whose, view, v, m, r = line.split()
        for group, letter in ((VIEW, v), (MANAGE, m), (RUN, r)):
            for action in group:
                rows.append((role, whose, view == "on", action, OUTCOME[letter]))
    return rows


def _actor(role: str) -> Actor:
    if role == "personal":
        return Actor(ME)
    if role == "outsider":
        return Actor(ME, ORG, None)
    return Actor(ME, ORG, Role(role))


def _campaign(role: str, whose: str) -> CampaignRef:
    org = None if role == "personal" else ORG
    return CampaignRef(org, ME if whose == "own" else OTHER)


@pytest.mark.parametrize(("role", "whose", "admin_view", "action", "expected"), _rows())
def test_permission_table(role: str, whose: str, admin_view: bool, action: Action, expected: str):
    actor, campaign = _actor(role), _campaign(role, whose)
    assert decide(actor, campaign, action, admin_view) == expected
    if expected == "allowed":
        check(actor, campaign, action, admin_view)
    else:
        with pytest.raises(NotFound if expected == "not_found" else Forbidden):
            check(actor, campaign, action, admin_view)


def test_table_covers_every_combination():
    seen = {(r, w, v, a) for r, w, v, a, _ in _rows()}
    roles = ["owner", "admin", "member", "outsider", "personal"]
    expected = set(itertools.product(roles, ["own", "other"], [False, True], list(Action)))
    assert seen == expected


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("admin_view", [False, True])
def test_never_across_workspaces(action: Action, admin_view: bool):
    """An organization's campaign from the personal workspace, another organization's
    campaign, and a personal campaign from an organization: all not found, even for owners."""
    owner_elsewhere = Actor(ME, ORG + 1, Role.OWNER)
    assert decide(owner_elsewhere, CampaignRef(ORG, ME), action, admin_view) == "not_found"
    assert decide(Actor(ME), CampaignRef(ORG, ME), action, admin_view) == "not_found"
    assert decide(Actor(ME, ORG, Role.OWNER), CampaignRef(None, ME), action, admin_view) == (
        "not_found"
    )


@pytest.mark.parametrize(
    ("actor", "admin_view", "requested", "applied"),
    [
        (Actor(ME, ORG, Role.OWNER), True, "all", "all"),
        (Actor(ME, ORG, Role.ADMIN), True, "all", "all"),
        (Actor(ME, ORG, Role.OWNER), False, "all", "own"),
        (Actor(ME, ORG, Role.ADMIN), False, "all", "own"),
        (Actor(ME, ORG, Role.MEMBER), True, "all", "own"),
        (Actor(ME, ORG, Role.MEMBER), False, "all", "own"),
        (Actor(ME), True, "all", "own"),
        (Actor(ME, ORG, Role.OWNER), True, "own", "own"),
        (Actor(ME, ORG, Role.OWNER), True, None, "own"),
        (Actor(ME, ORG, Role.OWNER), True, "everything", "own"),
    ],
)
def test_view_mode_fallback(actor: Actor, admin_view: bool, requested, applied):
    assert applied_view_mode(actor, requested, admin_view) == applied


ORG_TABLE = {
    # action: (owner, admin, member)
    OrgAction.VIEW: ("A", "A", "A"),
    OrgAction.INVITE: ("A", "A", "F"),
    OrgAction.CHANGE_ROLE: ("A", "A", "F"),
    OrgAction.REMOVE_MEMBER: ("A", "A", "F"),
    OrgAction.TOGGLE_ADMIN_VIEW: ("A", "A", "F"),
    OrgAction.RENAME: ("A", "F", "F"),
    OrgAction.DELETE: ("A", "F", "F"),
    OrgAction.TRANSFER_OWNERSHIP: ("A", "F", "F"),
}


@pytest.mark.parametrize("action", list(OrgAction))
def test_organization_table(action: OrgAction):
    assert set(ORG_TABLE) == set(OrgAction)
    for role, letter in zip((Role.OWNER, Role.ADMIN, Role.MEMBER), ORG_TABLE[action], strict=True):
        if letter == "A":
            check_org(role, action)
        else:
            with pytest.raises(Forbidden):
                check_org(role, action)
    with pytest.raises(NotFound):
        check_org(None, action)


def test_member_changes_never_touch_the_owner_role():
    check_member_change(Role.OWNER, Role.MEMBER, Role.ADMIN)
    check_member_change(Role.OWNER, Role.ADMIN, None)
    check_member_change(Role.ADMIN, Role.MEMBER, Role.ADMIN)
    for actor, target, new in [
        (Role.OWNER, Role.MEMBER, Role.OWNER),  # promotion to owner is a transfer
        (Role.ADMIN, Role.OWNER, Role.MEMBER),  # nobody demotes the owner
        (Role.ADMIN, Role.OWNER, None),  # nor removes them
        (Role.ADMIN, Role.ADMIN, Role.MEMBER),  # admins don't demote each other
        (Role.MEMBER, Role.MEMBER, Role.ADMIN),
    ]:
        with pytest.raises(Forbidden):
            check_member_change(actor, target, new)


def test_accounts_serve_their_connector_or_everyone_when_shared():
    member = Actor(ME, ORG, Role.MEMBER)
    assert can_use_account(member, ORG, ME, shared=False)
    assert not can_use_account(member, ORG, OTHER, shared=False)
    assert can_use_account(member, ORG, OTHER, shared=True)
    assert not can_use_account(member, ORG + 1, ME, shared=True)
    assert can_use_account(Actor(ME), None, ME, shared=False)
    assert not can_use_account(Actor(ME), None, OTHER, shared=True)
