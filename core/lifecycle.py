"""Which campaign action each status allows (SPEC §3), as pure rules with their refusals."""

from __future__ import annotations

from core.errors import Conflict
from core.permissions import Action
from models.enums import CampaignStatus as S

# Actions allowed from any status are absent here (edit metadata, duplicate, delete,
# add/remove contacts); enable/disable depend on `enabled`, restore on `deleted_at`.
ALLOWED_FROM: dict[str, frozenset[S]] = {
    Action.LAUNCH: frozenset({S.DRAFT, S.PAUSED}),
    Action.CANCEL_SCHEDULE: frozenset({S.SCHEDULED}),
    Action.PAUSE: frozenset({S.ACTIVE}),
    Action.STOP: frozenset({S.ACTIVE, S.PAUSED, S.SCHEDULED}),
    "edit_flow": frozenset({S.DRAFT, S.PAUSED, S.SCHEDULED}),
    "edit_ab": frozenset({S.DRAFT, S.SCHEDULED, S.PAUSED, S.COMPLETED, S.CANCELLED}),
}

_REFUSALS: dict[tuple[str, S], str] = {
    ("edit_flow", S.ACTIVE): "The campaign is running: pause the campaign first to edit its flow.",
    ("edit_flow", S.COMPLETED): "The campaign is completed: its flow is a historical record.",
    ("edit_flow", S.CANCELLED): "The campaign is cancelled: its flow is a historical record.",
    ("edit_ab", S.ACTIVE): "The campaign is running: pause it first to change its A/B settings.",
    (Action.LAUNCH, S.ACTIVE): "The campaign is already running.",
    (Action.LAUNCH, S.SCHEDULED): "The campaign is already scheduled to start.",
    (Action.LAUNCH, S.COMPLETED): "The campaign is completed; duplicate it or add contacts.",
    (Action.LAUNCH, S.CANCELLED): "The campaign was stopped and cannot be resumed; duplicate it.",
    (Action.PAUSE, S.PAUSED): "The campaign is already paused.",
    (Action.STOP, S.CANCELLED): "The campaign is already stopped.",
}


def check_status(action: str, status: S, *, deleted: bool, enabled: bool = True) -> None:
    """Raise Conflict when the campaign's state forbids `action`."""
    if action == Action.RESTORE:
        if not deleted:
            raise Conflict("The campaign is not deleted.")
        return
    if deleted and action != Action.VIEW:
        raise Conflict("The campaign is deleted; restore it first.")
    if action == Action.ENABLE and enabled:
        raise Conflict("The campaign is already enabled.")
    if action == Action.DISABLE and not enabled:
        raise Conflict("The campaign is already disabled.")
    allowed = ALLOWED_FROM.get(action)
    if allowed is not None and status not in allowed:
        name = str(action).replace("_", " ")
        raise Conflict(_REFUSALS.get((action, status), f"A {status.value} campaign cannot {name}."))


def status_allows(action: str, status: S, *, deleted: bool, enabled: bool) -> bool:
    try:
        check_status(action, status, deleted=deleted, enabled=enabled)
    except Conflict:
        return False
    return True
