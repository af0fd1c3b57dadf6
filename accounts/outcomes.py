"""Herald's outcomes of talking to Telegram, and the one translation of Telethon's errors
into them (SPEC §6.4). Nothing outside `accounts/` ever sees a Telethon exception."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from telethon import errors
from telethon.errors.rpcerrorlist import rpc_errors_dict, rpc_errors_re

# PEER_FLOOD: no new conversations for this long, then the account is re-checked.
LIMITED_SECONDS = 24 * 3600
# A 420 without a number (rare): park for a minute rather than hammer Telegram.
DEFAULT_FLOOD_SECONDS = 60


class OutcomeKind(StrEnum):
    SENT = "sent"
    # RANDOM_ID_DUPLICATE: Telegram already has this message; it counts as sent.
    DUPLICATE = "duplicate"
    # FLOOD_WAIT_X: the account sends nothing for `seconds`; nothing fails.
    PARKED = "parked"
    # PEER_FLOOD: no new conversations for `seconds`; replies still go out.
    LIMITED = "limited"
    # The session is dead (revoked, banned, duplicated): the account needs reconnecting.
    LOST = "lost"
    # This lead cannot be written to (privacy, blocked, deleted, no such username…).
    UNREACHABLE = "unreachable"
    # Telegram refused the message itself (too long, empty…): that execution fails.
    REJECTED = "rejected"
    # The daily username-resolution cap is reached: try this lead again after `seconds`.
    CAPPED = "capped"
    # Network trouble, timeouts, Telegram's own hiccups: retry later with back-off.
    TRANSIENT = "transient"


@dataclass(frozen=True)
class Outcome:
    """What happened, in Herald's words. `reason` is one plain sentence for the log and the
    operator; `error` is Telegram's error name, when there was one."""

    kind: OutcomeKind
    reason: str = ""
    seconds: int = 0
    message_id: int | None = None
    telegram_user_id: int | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.kind in (OutcomeKind.SENT, OutcomeKind.DUPLICATE)

    @property
    def account_problem(self) -> bool:
        """The account (not the lead) must stop: parked, limited or lost."""
        return self.kind in (OutcomeKind.PARKED, OutcomeKind.LIMITED, OutcomeKind.LOST)


UNREACHABLE_REASONS: dict[type[Exception], str] = {
    errors.UserPrivacyRestrictedError: "The lead's privacy settings do not allow messages "
    "from strangers.",
    errors.UserNotMutualContactError: "The lead only accepts messages from mutual contacts.",
    errors.UsernameNotOccupiedError: "No Telegram user has this username.",
    errors.UsernameInvalidError: "This is not a valid Telegram username.",
    errors.InputUserDeactivatedError: "The lead's Telegram account was deleted.",
    errors.UserIsBlockedError: "The lead blocked this account.",
    errors.YouBlockedUserError: "This account blocked the lead.",
    errors.UserIsBotError: "The lead is a bot.",
    errors.PeerIdInvalidError: "Telegram does not know this lead for this account.",
    errors.UserIdInvalidError: "Telegram does not know this lead for this account.",
}

LOST_ERRORS: tuple[type[BaseException], ...] = (
    errors.AuthKeyUnregisteredError,
    errors.SessionRevokedError,
    errors.SessionExpiredError,
    errors.UserDeactivatedBanError,
    errors.UserDeactivatedError,
    errors.AuthKeyDuplicatedError,
    errors.AuthKeyInvalidError,
    errors.AuthKeyPermEmptyError,
    errors.AuthKeyNotFound,  # Telethon's own: the DC answered -404 to our auth key
    errors.UnauthorizedError,
)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    errors.ServerError,  # 500s: RPC_CALL_FAIL, RPC_MCGET_FAIL, INTERDC_X_CALL_ERROR…
    errors.TimedOutError,  # 503 Timeout
    errors.InvalidBufferError,
    ConnectionError,
    TimeoutError,
    OSError,
)

_LOST_REASON = {
    "USER_DEACTIVATED_BAN": "Telegram banned this account.",
    "USER_DEACTIVATED": "This Telegram account was deleted.",
    "AUTH_KEY_DUPLICATED": "The session was used from two places at once and Telegram "
    "cancelled it; reconnect the account.",
}


# Telethon's named errors carry their base's message ("BAD_REQUEST"); Telegram's own name
# comes from Telethon's table of them.
_NAMES: dict[type, str] = {cls: name for name, cls in rpc_errors_dict.items()}
_NAMES |= {cls: pattern.replace("_(\\d+)", "_X") for pattern, cls in rpc_errors_re}


def _error_name(exc: BaseException) -> str:
    if type(exc) in _NAMES:
        return _NAMES[type(exc)]
    if isinstance(exc, errors.RPCError):
        return exc.message or type(exc).__name__
    return type(exc).__name__


def translate(exc: BaseException) -> Outcome:
    """The one mapping from what Telethon raised to what Herald does about it (SPEC §6.4)."""
    name = _error_name(exc)
    # Before the 500s: Telegram reports a reused random_id as a server error.
    if isinstance(exc, errors.RandomIdDuplicateError):
        return Outcome(
            OutcomeKind.DUPLICATE, "Telegram already has this message; counted as sent.", error=name
        )
    if isinstance(exc, errors.FloodError):
        seconds = int(getattr(exc, "seconds", 0) or DEFAULT_FLOOD_SECONDS)
        return Outcome(
            OutcomeKind.PARKED,
            f"Telegram asked this account to wait {seconds} s.",
            seconds=seconds,
            error=name,
        )
    if isinstance(exc, errors.PeerFloodError):
        return Outcome(
            OutcomeKind.LIMITED,
            "Telegram limited this account (PEER_FLOOD): no new conversations for 24 h.",
            seconds=LIMITED_SECONDS,
            error=name,
        )
    for error_type, reason in UNREACHABLE_REASONS.items():
        if isinstance(exc, error_type):
            return Outcome(OutcomeKind.UNREACHABLE, reason, error=name)
    # Only the 401s (and AUTH_KEY_DUPLICATED among the 406s) mean the session is dead.
    if isinstance(exc, LOST_ERRORS):
        reason = _LOST_REASON.get(
            name, "The session was revoked or signed out; reconnect the account."
        )
        return Outcome(OutcomeKind.LOST, reason, error=name)
    if isinstance(exc, TRANSIENT_ERRORS):
        return Outcome(
            OutcomeKind.TRANSIENT, "Telegram could not be reached; retrying.", error=name
        )
    if isinstance(exc, errors.RPCError):
        return Outcome(OutcomeKind.REJECTED, f"Telegram refused the message ({name}).", error=name)
    return Outcome(OutcomeKind.REJECTED, f"Unexpected error ({name}).", error=name)
