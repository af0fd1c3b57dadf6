"""Users, organizations, their memberships and invitations."""

from tortoise import fields
from tortoise.models import Model

from models.enums import Role


class User(Model):
    id = fields.IntField(primary_key=True)
    telegram_id = fields.BigIntField(unique=True)
    name = fields.CharField(max_length=200, default="")
    username = fields.CharField(max_length=64, null=True)
    language = fields.CharField(max_length=16, null=True)
    # The workspace the bot and panel open by default; NULL is the personal workspace.
    current_organization = fields.ForeignKeyField(
        "models.Organization", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    bot_blocked = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "users"


class Organization(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    admin_view_enabled = fields.BooleanField(default=False)
    # Whether owner/admins get reply notifications of members' campaigns too.
    notify_admins = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "organizations"


class Membership(Model):
    id = fields.IntField(primary_key=True)
    organization = fields.ForeignKeyField(
        "models.Organization", related_name="memberships", on_delete=fields.CASCADE
    )
    user = fields.ForeignKeyField(
        "models.User", related_name="memberships", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(Role, max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "memberships"
        unique_together = (("organization", "user"),)


class Invitation(Model):
    id = fields.IntField(primary_key=True)
    organization = fields.ForeignKeyField(
        "models.Organization", related_name="invitations", on_delete=fields.CASCADE
    )
    token = fields.CharField(max_length=64, unique=True)
    role = fields.CharEnumField(Role, max_length=16)
    created_by = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    used_by = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "invitations"
