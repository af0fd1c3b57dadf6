"""Telegram user accounts, their leases to workers, resolved peers and queued commands."""

from tortoise import fields
from tortoise.models import Model

from models.enums import AccountStatus


class TelegramAccount(Model):
    id = fields.IntField(primary_key=True)
    organization = fields.ForeignKeyField(
        "models.Organization", related_name=False, null=True, on_delete=fields.CASCADE
    )
    created_by = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    # Usable by every member of the organization, not only by its connector.
    shared = fields.BooleanField(default=False)
    telegram_user_id = fields.BigIntField(null=True)
    username = fields.CharField(max_length=64, null=True)
    phone = fields.CharField(max_length=32, null=True)
    first_name = fields.CharField(max_length=128, default="")
    # Fernet token of the Telethon StringSession; never logged, never shown.
    session_encrypted = fields.TextField(default="")
    status = fields.CharEnumField(AccountStatus, max_length=16, default=AccountStatus.CHECKING)
    # Parking after FLOOD_WAIT: nothing is sent before this time.
    flood_wait_until = fields.DatetimeField(null=True)
    # PEER_FLOOD: no new conversations before this time.
    limited_until = fields.DatetimeField(null=True)
    last_error = fields.TextField(default="")
    last_checked_at = fields.DatetimeField(null=True)
    # Pacing (SPEC §6.4); the young-account limit applies while younger than 14 days.
    daily_new_limit = fields.IntField(default=30)
    young_daily_new_limit = fields.IntField(default=10)
    hourly_limit = fields.IntField(default=20)
    min_interval_seconds = fields.IntField(default=60)
    jitter_percent = fields.IntField(default=30)
    timezone = fields.CharField(max_length=64, default="UTC")
    account_created_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "telegram_accounts"
        indexes = (("organization", "status"),)


class AccountLease(Model):
    """Which worker holds the one live client of an account, until when."""

    account = fields.OneToOneField(
        "models.TelegramAccount", related_name="lease", primary_key=True, on_delete=fields.CASCADE
    )
    owner = fields.CharField(max_length=128)
    expires_at = fields.DatetimeField()
    heartbeat_at = fields.DatetimeField()

    class Meta:
        table = "account_leases"
        indexes = (("expires_at",),)


class ResolvedPeer(Model):
    """A lead's id and access hash as one account knows it (access hashes are per account)."""

    id = fields.BigIntField(primary_key=True)
    account = fields.ForeignKeyField(
        "models.TelegramAccount", related_name=False, on_delete=fields.CASCADE
    )
    telegram_user_id = fields.BigIntField()
    access_hash = fields.BigIntField()
    username_key = fields.CharField(max_length=64, null=True)
    # Counted against the daily username-resolution cap when true.
    via_username = fields.BooleanField(default=False)
    resolved_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "resolved_peers"
        unique_together = (("account", "telegram_user_id"),)
        indexes = (("account", "username_key"), ("account", "resolved_at"))


class AccountCommand(Model):
    """Work for an account's runner asked for by the bot or the panel (health check,
    test send, an operator's reply): the runner owns the only live client."""

    id = fields.BigIntField(primary_key=True)
    account = fields.ForeignKeyField(
        "models.TelegramAccount", related_name=False, on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=32)
    payload = fields.JSONField(default=dict)
    status = fields.CharField(max_length=16, default="pending")
    result = fields.JSONField(null=True)
    created_by = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    done_at = fields.DatetimeField(null=True)

    class Meta:
        table = "account_commands"
        indexes = (("account", "status"),)
