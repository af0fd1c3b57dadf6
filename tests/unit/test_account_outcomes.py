"""The translation of Telegram's errors into Herald's outcomes (SPEC §6.4), with Telethon's
own exception classes built offline; and the small pure helpers of the accounts door."""

from __future__ import annotations

import pytest
from telethon import errors

from accounts.outcomes import LIMITED_SECONDS, OutcomeKind, translate
from accounts.send import sent_message_id, signed_random_id, username_key
from accounts.signin import normalize_code, normalize_phone

R = {"request": None}

ROWS: list[tuple[BaseException, OutcomeKind, str]] = [
    (errors.FloodWaitError(**R, capture=42), OutcomeKind.PARKED, "FLOOD_WAIT_X"),
    (errors.FloodPremiumWaitError(**R, capture=7), OutcomeKind.PARKED, "FLOOD_PREMIUM_WAIT_X"),
    (errors.PeerFloodError(**R), OutcomeKind.LIMITED, "PEER_FLOOD"),
    (errors.UserPrivacyRestrictedError(**R), OutcomeKind.UNREACHABLE, "USER_PRIVACY_RESTRICTED"),
    (errors.UserNotMutualContactError(**R), OutcomeKind.UNREACHABLE, "USER_NOT_MUTUAL_CONTACT"),
    (errors.UsernameNotOccupiedError(**R), OutcomeKind.UNREACHABLE, "USERNAME_NOT_OCCUPIED"),
    (errors.UsernameInvalidError(**R), OutcomeKind.UNREACHABLE, "USERNAME_INVALID"),
    (errors.InputUserDeactivatedError(**R), OutcomeKind.UNREACHABLE, "INPUT_USER_DEACTIVATED"),
    (errors.UserIsBlockedError(**R), OutcomeKind.UNREACHABLE, "USER_IS_BLOCKED"),
    (errors.YouBlockedUserError(**R), OutcomeKind.UNREACHABLE, "YOU_BLOCKED_USER"),
    (errors.UserIsBotError(**R), OutcomeKind.UNREACHABLE, "USER_IS_BOT"),
    (errors.PeerIdInvalidError(**R), OutcomeKind.UNREACHABLE, "PEER_ID_INVALID"),
    (errors.AuthKeyUnregisteredError(**R), OutcomeKind.LOST, "AUTH_KEY_UNREGISTERED"),
    (errors.SessionRevokedError(**R), OutcomeKind.LOST, "SESSION_REVOKED"),
    (errors.UserDeactivatedBanError(**R), OutcomeKind.LOST, "USER_DEACTIVATED_BAN"),
    (errors.AuthKeyDuplicatedError(**R), OutcomeKind.LOST, "AUTH_KEY_DUPLICATED"),
    (errors.UserDeactivatedError(**R), OutcomeKind.LOST, "USER_DEACTIVATED"),
    (errors.SessionExpiredError(**R), OutcomeKind.LOST, "SESSION_EXPIRED"),
    (errors.AuthKeyNotFound(), OutcomeKind.LOST, "AuthKeyNotFound"),
    (errors.RandomIdDuplicateError(**R), OutcomeKind.DUPLICATE, "RANDOM_ID_DUPLICATE"),
    (errors.RpcCallFailError(**R), OutcomeKind.TRANSIENT, "RPC_CALL_FAIL"),
    (errors.RpcMcgetFailError(**R), OutcomeKind.TRANSIENT, "RPC_MCGET_FAIL"),
    (errors.ServerError(None, "INTERDC_2_CALL_ERROR", 500), OutcomeKind.TRANSIENT, ""),
    (errors.TimedOutError(None, "Timeout", -503), OutcomeKind.TRANSIENT, "Timeout"),
    (ConnectionError("Connection to Telegram failed 3 time(s)"), OutcomeKind.TRANSIENT, ""),
    (TimeoutError(), OutcomeKind.TRANSIENT, "TimeoutError"),
    (OSError(111, "Connection refused"), OutcomeKind.TRANSIENT, "ConnectionRefusedError"),
    (errors.MessageTooLongError(**R), OutcomeKind.REJECTED, "MESSAGE_TOO_LONG"),
    (errors.RPCError(None, "SOMETHING_NEW", 400), OutcomeKind.REJECTED, "SOMETHING_NEW"),
    # Among the 406s only AUTH_KEY_DUPLICATED kills the session.
    (errors.PhonePasswordFloodError(**R), OutcomeKind.REJECTED, "PHONE_PASSWORD_FLOOD"),
]


@pytest.mark.parametrize(
    ("exc", "kind", "name"), ROWS, ids=[f"{type(e).__name__}" for e, _, _ in ROWS]
)
def test_every_row_of_the_table(exc: BaseException, kind: OutcomeKind, name: str) -> None:
    outcome = translate(exc)
    assert outcome.kind is kind
    if name:
        assert outcome.error == name
    assert outcome.reason and outcome.reason.endswith(".")
    assert "Traceback" not in outcome.reason


def test_flood_wait_carries_its_seconds() -> None:
    outcome = translate(errors.FloodWaitError(request=None, capture=42))
    assert (outcome.seconds, outcome.account_problem, outcome.ok) == (42, True, False)
    assert "42 s" in outcome.reason


def test_peer_flood_limits_for_a_day() -> None:
    assert translate(errors.PeerFloodError(request=None)).seconds == LIMITED_SECONDS == 86400


def test_duplicate_counts_as_sent() -> None:
    outcome = translate(errors.RandomIdDuplicateError(request=None))
    assert outcome.ok and not outcome.account_problem


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("12345", "12345"),
        ("1 2 3 4 5", "12345"),
        ("12-345", "12345"),
        (" 12.345 ", "12345"),
        ("1-2-3-4-5", "12345"),
        ("abcde", None),
        ("12", None),
        ("", None),
        ("12 34a", None),
    ],
)
def test_login_codes_typed_with_spaces_or_dashes(typed: str, code: str | None) -> None:
    assert normalize_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "phone"),
    [
        ("+1 555 010-0123", "+15550100123"),
        ("+7 (912) 345-67-89", "+79123456789"),
        ("0049 30 1234567", "+49301234567"),
        ("15550100", "+15550100"),
        ("call me", None),
        ("+12", None),
        ("0123456789", None),
    ],
)
def test_phone_numbers(typed: str, phone: str | None) -> None:
    assert normalize_phone(typed) == phone


def test_random_ids_are_signed_64_bit() -> None:
    assert signed_random_id(5) == 5
    assert signed_random_id(2**64 - 1) == -1
    assert signed_random_id(2**63) == -(2**63)
    assert signed_random_id(-7) == -7


def test_username_keys() -> None:
    assert username_key(" @Anna_Lee ") == "anna_lee"
    assert username_key("@") is None and username_key(None) is None


def test_sent_message_id_from_every_answer_shape() -> None:
    from datetime import UTC, datetime

    from telethon.tl import types

    now = datetime.now(UTC)
    short = types.UpdateShortSentMessage(id=7, pts=1, pts_count=1, date=now, out=True)
    assert sent_message_id(short, 99) == 7
    full = types.Updates(
        updates=[types.UpdateMessageID(id=8, random_id=99)], users=[], chats=[], date=now, seq=0
    )
    assert sent_message_id(full, 99) == 8
    assert sent_message_id(types.Updates([], [], [], now, 0), 99) is None
