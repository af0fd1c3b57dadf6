"""Who may do what (SPEC §2), in one place. Pure functions over small facts, so the whole
table is tested exhaustively and every interface asks here instead of deciding itself."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from core.errors import Forbidden, NotFound
from models.enums import Role


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    ENABLE = "enable"
    DISABLE = "disable"
    ADD_CONTACTS = "add_contacts"
    REMOVE_CONTACTS = "remove_contacts"
    DELETE = "delete"
    RESTORE = "restore"
    DUPLICATE = "duplicate"
    LAUNCH = "launch"
    PAUSE = "pause"
    STOP = "stop"
    CANCEL_SCHEDULE = "cancel_schedule"


# Running a campaign sends from its creator's name: nobody else may, even with view access.
CREATOR_ONLY = frozenset({Action.LAUNCH, Action.PAUSE, Action.STOP, Action.CANCEL_SCHEDULE})

Decision = Literal["allowed", "not_found", "forbidden"]
ViewMode = Literal["own", "all"]


@dataclass(frozen=True)
class Actor:
    """A user acting in one workspace: `organization_id` None is their personal one;
    `role` is None there (and for someone who is not a member)."""

    user_id: int
    organization_id: int | None = None
    role: Role | None = None

    @property
    def is_personal(self) -> bool:
        return self.organization_id is None

    @property
    def workspace_key(self) -> str:
        return f"o{self.organization_id}" if self.organization_id else f"u{self.user_id}"


@dataclass(frozen=True)
class CampaignRef:
    """The facts about a campaign that permissions depend on."""

    organization_id: int | None
    created_by_id: int


def _is_manager(role: Role | None) -> bool:
    return role in (Role.OWNER, Role.ADMIN)


def can_see_others(actor: Actor, admin_view_enabled: bool) -> bool:
    """Whether the actor sees the other members' campaigns of their organization."""
    return not actor.is_personal and _is_manager(actor.role) and admin_view_enabled


def decide(
    actor: Actor, campaign: CampaignRef, action: Action, admin_view_enabled: bool
) -> Decision:
    """The whole table of SPEC §2: workspace first, then visibility, then permission."""
    if campaign.organization_id != actor.organization_id:
        return "not_found"
    if not actor.is_personal and actor.role is None:
        return "not_found"  # not a member of this organization
    own = campaign.created_by_id == actor.user_id
    if own:
        return "allowed"
    if not can_see_others(actor, admin_view_enabled):
        return "not_found"
    return "forbidden" if action in CREATOR_ONLY else "allowed"


def check(actor: Actor, campaign: CampaignRef, action: Action, admin_view_enabled: bool) -> None:
    """Raise NotFound or Forbidden as `decide` says."""
    outcome = decide(actor, campaign, action, admin_view_enabled)
    if outcome == "not_found":
        raise NotFound("Campaign not found.")
    if outcome == "forbidden":
        raise Forbidden(f"Only the campaign's creator may {action.value.replace('_', ' ')} it.")


def applied_view_mode(actor: Actor, requested: str | None, admin_view_enabled: bool) -> ViewMode:
    """`all` only for owner/admin with admin view on; anyone else silently gets `own`."""
    if requested == "all" and can_see_others(actor, admin_view_enabled):
        return "all"
    return "own"


class OrgAction(StrEnum):
    VIEW = "view"
    INVITE = "invite"
    CHANGE_ROLE = "change_role"
    REMOVE_MEMBER = "remove_member"
    TOGGLE_ADMIN_VIEW = "toggle_admin_view"
    RENAME = "rename"
    DELETE = "delete"
    TRANSFER_OWNERSHIP = "transfer_ownership"


_ORG_RULES: dict[OrgAction, frozenset[Role]] = {
    OrgAction.VIEW: frozenset(Role),
    OrgAction.INVITE: frozenset({Role.OWNER, Role.ADMIN}),
    OrgAction.CHANGE_ROLE: frozenset({Role.OWNER, Role.ADMIN}),
    OrgAction.REMOVE_MEMBER: frozenset({Role.OWNER, Role.ADMIN}),
    OrgAction.TOGGLE_ADMIN_VIEW: frozenset({Role.OWNER, Role.ADMIN}),
    OrgAction.RENAME: frozenset({Role.OWNER}),
    OrgAction.DELETE: frozenset({Role.OWNER}),
    OrgAction.TRANSFER_OWNERSHIP: frozenset({Role.OWNER}),
}


def check_org(role: Role | None, action: OrgAction) -> None:
    """Organization-level rules; a non-member gets NotFound."""
    if role is None:
        raise NotFound("Organization not found.")
    if role not in _ORG_RULES[action]:
        raise Forbidden(f"Your role ({role.value}) may not {action.value.replace('_', ' ')}.")


def check_member_change(actor_role: Role, target_role: Role, new_role: Role | None) -> None:
    """Changing or removing a member: never to or from owner (ownership moves only by
    transfer), and an admin may not touch another admin."""
    check_org(actor_role, OrgAction.CHANGE_ROLE if new_role else OrgAction.REMOVE_MEMBER)
    if target_role == Role.OWNER or new_role == Role.OWNER:
        raise Forbidden("The owner's role changes only by transferring ownership.")
    if actor_role == Role.ADMIN and target_role == Role.ADMIN:
        raise Forbidden("Only the owner may change or remove an admin.")


def can_use_account(
    actor: Actor, account_org_id: int | None, connector_id: int, shared: bool
) -> bool:
    """An account serves its connector, or every member when marked shared."""
    if account_org_id != actor.organization_id:
        return False
    return connector_id == actor.user_id or (shared and not actor.is_personal)
