"""Campaigns, the executions that walk each lead through a flow, and what they leave."""

from tortoise import fields
from tortoise.models import Model

from models.enums import (
    CampaignStatus,
    ExecutionStatus,
    MessageDirection,
    MessageStatus,
    ResponseHandling,
    StartType,
)


def every_day_window() -> dict:
    return {
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "start": "00:00",
        "end": "24:00",
    }


class Campaign(Model):
    id = fields.IntField(primary_key=True)
    organization = fields.ForeignKeyField(
        "models.Organization", related_name=False, null=True, on_delete=fields.CASCADE
    )
    created_by = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    name = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    telegram_account = fields.ForeignKeyField(
        "models.TelegramAccount", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    timezone = fields.CharField(max_length=64, default="UTC")
    start_type = fields.CharEnumField(StartType, max_length=16, default=StartType.IMMEDIATE)
    scheduled_start_at = fields.DatetimeField(null=True)
    flow = fields.JSONField(default=dict)
    # {"A": 50, "B": 50}; empty means no A/B test.
    ab_variants = fields.JSONField(default=dict)
    response_handling = fields.CharEnumField(
        ResponseHandling, max_length=16, default=ResponseHandling.STOP
    )
    send_window = fields.JSONField(default=every_day_window)
    status = fields.CharEnumField(CampaignStatus, max_length=16, default=CampaignStatus.DRAFT)
    enabled = fields.BooleanField(default=True)
    # Consecutive failed sends; past the threshold the campaign pauses itself.
    consecutive_failures = fields.IntField(default=0)
    error_message = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    completed_at = fields.DatetimeField(null=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "campaigns"
        # The list pages newest first within (workspace, creator, not deleted).
        indexes = (
            ("organization", "created_by", "deleted_at", "id"),
            ("organization", "deleted_at", "id"),
            ("status", "scheduled_start_at"),
        )


class Execution(Model):
    """One lead's walk through one campaign's flow."""

    id = fields.BigIntField(primary_key=True)
    campaign = fields.ForeignKeyField(
        "models.Campaign", related_name="executions", on_delete=fields.CASCADE
    )
    contact = fields.ForeignKeyField("models.Contact", related_name=False, on_delete=fields.CASCADE)
    # Copied from the campaign so the runner's "due work for my account" query needs no join;
    # kept in step when the campaign's account changes.
    account_id = fields.IntField(null=True)
    status = fields.CharEnumField(ExecutionStatus, max_length=16, default=ExecutionStatus.PENDING)
    current_node_id = fields.CharField(max_length=64, null=True)
    next_execution_at = fields.DatetimeField(null=True)
    context = fields.JSONField(default=dict)
    # How many times the campaign restarted this execution; a message's `attempt` is the run
    # it belongs to, so a restarted lead gets the flow again without breaking exactly-once.
    run = fields.IntField(default=0)
    variant = fields.CharField(max_length=16, null=True)
    lease_owner = fields.CharField(max_length=128, null=True)
    lease_expires_at = fields.DatetimeField(null=True)
    # Set once the execution first left `pending` (for "contacts started").
    started_at = fields.DatetimeField(null=True)
    replied_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)
    error_message = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "executions"
        unique_together = (("campaign", "contact"),)
        indexes = (
            ("account_id", "status", "next_execution_at"),
            # Per-campaign counts, due work and set-based updates, removed leads skipped
            # inside the index.
            ("campaign", "deleted_at", "status", "next_execution_at"),
        )


class Message(Model):
    id = fields.BigIntField(primary_key=True)
    execution = fields.ForeignKeyField(
        "models.Execution", related_name="messages", null=True, on_delete=fields.CASCADE
    )
    campaign = fields.ForeignKeyField(
        "models.Campaign", related_name=False, null=True, on_delete=fields.CASCADE
    )
    contact = fields.ForeignKeyField(
        "models.Contact", related_name=False, null=True, on_delete=fields.CASCADE
    )
    account_id = fields.IntField(null=True)
    direction = fields.CharEnumField(MessageDirection, max_length=8)
    status = fields.CharEnumField(MessageStatus, max_length=16)
    # The 64-bit id Telegram de-duplicates on: written before the send, reused on retry.
    random_id = fields.BigIntField(null=True, unique=True)
    telegram_message_id = fields.BigIntField(null=True)
    variant = fields.CharField(max_length=16, null=True)
    node_id = fields.CharField(max_length=64, null=True)
    attempt = fields.IntField(default=0)
    text = fields.TextField(default="")
    error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "messages"
        unique_together = (("execution", "node_id", "attempt"),)
        # Statistics count by (direction, status, variant) per campaign from the index alone.
        indexes = (("campaign", "direction", "status", "variant"), ("account_id", "sent_at"))


class ExecutionLog(Model):
    id = fields.BigIntField(primary_key=True)
    campaign = fields.ForeignKeyField(
        "models.Campaign", related_name=False, on_delete=fields.CASCADE
    )
    execution = fields.ForeignKeyField(
        "models.Execution", related_name=False, null=True, on_delete=fields.CASCADE
    )
    contact = fields.ForeignKeyField(
        "models.Contact", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    node_id = fields.CharField(max_length=64, null=True)
    node_type = fields.CharField(max_length=32, null=True)
    kind = fields.CharField(max_length=32)
    status = fields.CharField(max_length=16, default="ok")
    message_text = fields.TextField(default="")
    error = fields.TextField(null=True)
    executed_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "execution_logs"
        indexes = (
            ("campaign", "executed_at"),
            ("campaign", "kind", "executed_at"),
            ("execution", "executed_at"),
            ("campaign", "id"),  # exports page by id
        )


class CampaignStatistics(Model):
    """The cached result of get_campaign_statistics (SPEC §8)."""

    campaign = fields.OneToOneField(
        "models.Campaign", related_name="statistics", primary_key=True, on_delete=fields.CASCADE
    )
    data = fields.JSONField()
    computed_at = fields.DatetimeField()

    class Meta:
        table = "campaign_statistics"


class CampaignMute(Model):
    """A user who asked not to be notified about a campaign's replies."""

    id = fields.IntField(primary_key=True)
    campaign = fields.ForeignKeyField(
        "models.Campaign", related_name=False, on_delete=fields.CASCADE
    )
    user = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "campaign_mutes"
        unique_together = (("campaign", "user"),)
