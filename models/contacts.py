"""Leads of a workspace, and the imports that load them."""

from tortoise import fields
from tortoise.models import Model

from models.enums import ContactSource, ContactStatus


class Contact(Model):
    id = fields.BigIntField(primary_key=True)
    organization = fields.ForeignKeyField(
        "models.Organization", related_name=False, null=True, on_delete=fields.CASCADE
    )
    created_by = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    # "o<id>" or "u<id>": one column to key de-duplication per workspace with plain
    # unique indexes (NULL identifiers never collide).
    workspace = fields.CharField(max_length=24)
    telegram_id = fields.BigIntField(null=True)
    username = fields.CharField(max_length=64, null=True)
    username_key = fields.CharField(max_length=64, null=True)
    phone = fields.CharField(max_length=20, null=True)
    first_name = fields.CharField(max_length=128, default="")
    last_name = fields.CharField(max_length=128, default="")
    language = fields.CharField(max_length=16, null=True)
    tags = fields.JSONField(default=list)
    custom_fields = fields.JSONField(default=dict)
    status = fields.CharEnumField(ContactStatus, max_length=16, default=ContactStatus.ACTIVE)
    source = fields.CharEnumField(ContactSource, max_length=16, default=ContactSource.MANUAL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "contacts"
        unique_together = (
            ("workspace", "telegram_id"),
            ("workspace", "username_key"),
            ("workspace", "phone"),
        )
        indexes = (("workspace", "created_at"),)


class ContactImport(Model):
    """One file import: its progress while it runs and its row-by-row report after."""

    id = fields.IntField(primary_key=True)
    workspace = fields.CharField(max_length=24)
    created_by = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    filename = fields.CharField(max_length=255)
    status = fields.CharField(max_length=16, default="running")
    total_rows = fields.IntField(default=0)
    processed_rows = fields.IntField(default=0)
    created = fields.IntField(default=0)
    updated = fields.IntField(default=0)
    skipped = fields.JSONField(default=list)
    error = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "contact_imports"
