"""Credentials for the JSON API and the panel's one-time sign-in links."""

from tortoise import fields
from tortoise.models import Model


class ApiToken(Model):
    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField(
        "models.User", related_name="api_tokens", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100, default="")
    # Only a hash is kept: the token is shown once, at creation.
    token_hash = fields.CharField(max_length=64, unique=True)
    prefix = fields.CharField(max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_tokens"


class SignInToken(Model):
    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "signin_tokens"
