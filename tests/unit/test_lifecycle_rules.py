"""SPEC §3's status table for every action and status, as pure rules."""

from __future__ import annotations

import pytest

from core.errors import Conflict
from core.lifecycle import check_status
from core.permissions import Action
from models import CampaignStatus as S

ANY = set(S)
ALLOWED = {
    Action.LAUNCH: {S.DRAFT, S.PAUSED},
    Action.CANCEL_SCHEDULE: {S.SCHEDULED},
    Action.PAUSE: {S.ACTIVE},
    Action.STOP: {S.ACTIVE, S.PAUSED, S.SCHEDULED},
    "edit_flow": {S.DRAFT, S.PAUSED, S.SCHEDULED},
    "edit_ab": ANY - {S.ACTIVE},
    Action.EDIT: ANY,
    Action.DUPLICATE: ANY,
    Action.DELETE: ANY,
    Action.ADD_CONTACTS: ANY,
    Action.REMOVE_CONTACTS: ANY,
    Action.VIEW: ANY,
}


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("status", list(S))
def test_status_table(action: str, status: S):
    if status in ALLOWED[action]:
        check_status(action, status, deleted=False)
    else:
        with pytest.raises(Conflict):
            check_status(action, status, deleted=False)


@pytest.mark.parametrize("action", [a for a in Action if a not in (Action.VIEW, Action.RESTORE)])
def test_deleted_campaign_refuses_everything_but_view_and_restore(action: Action):
    with pytest.raises(Conflict, match="deleted"):
        check_status(action, S.PAUSED, deleted=True)
    check_status(Action.VIEW, S.PAUSED, deleted=True)
    check_status(Action.RESTORE, S.PAUSED, deleted=True)


def test_restore_needs_a_deleted_campaign():
    with pytest.raises(Conflict, match="not deleted"):
        check_status(Action.RESTORE, S.DRAFT, deleted=False)


def test_enable_and_disable_follow_the_flag_not_the_status():
    check_status(Action.ENABLE, S.ACTIVE, deleted=False, enabled=False)
    check_status(Action.DISABLE, S.ACTIVE, deleted=False, enabled=True)
    with pytest.raises(Conflict, match="already enabled"):
        check_status(Action.ENABLE, S.DRAFT, deleted=False, enabled=True)
    with pytest.raises(Conflict, match="already disabled"):
        check_status(Action.DISABLE, S.DRAFT, deleted=False, enabled=False)


def test_refusals_say_what_to_do():
    with pytest.raises(Conflict, match="pause the campaign first"):
        check_status("edit_flow", S.ACTIVE, deleted=False)
    with pytest.raises(Conflict, match="historical record"):
        check_status("edit_flow", S.COMPLETED, deleted=False)
    with pytest.raises(Conflict, match="duplicate it"):
        check_status(Action.LAUNCH, S.CANCELLED, deleted=False)
