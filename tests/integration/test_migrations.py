"""Migrations: they build the schema from empty on the database under test, match the
models (a model change without a migration fails here), and re-running is a no-op."""

from __future__ import annotations

import pytest
from tortoise import Tortoise, connections

from core.db import migrate
from migrations.__main__ import missing

pytestmark = pytest.mark.integration


async def test_models_have_their_migrations():
    assert await missing() == [], "run `make migration NAME=...` after changing models/"


async def test_schema_from_migrations_has_every_table_and_index(db):
    conn = connections.get("default")
    tables = {m._meta.db_table for app in Tortoise.apps.values() for m in app.values()}
    if db.startswith("sqlite"):
        rows = await conn.execute_query_dict("SELECT name FROM sqlite_master WHERE type='table'")
        index_rows = await conn.execute_query_dict(
            "SELECT name FROM sqlite_master WHERE type='index'"
        )
    else:
        rows = await conn.execute_query_dict(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname='public'"
        )
        index_rows = await conn.execute_query_dict(
            "SELECT indexname AS name FROM pg_indexes WHERE schemaname='public'"
        )
    assert tables <= {r["name"] for r in rows}
    indexes = " ".join(r["name"] for r in index_rows)
    # The hot queries: due executions per account, logs per campaign and time.
    assert "idx_executions_account" in indexes
    assert "idx_execution_l_campaig" in indexes


async def test_uniqueness_the_spec_demands(db):
    from tortoise.exceptions import IntegrityError

    from core.permissions import Actor
    from models import Execution, Message
    from tests import factories as f

    me = Actor((await f.user()).id)
    c = await f.ready_campaign(me, leads=1)
    e = await Execution.get(campaign_id=c.id)
    with pytest.raises(IntegrityError):
        await Execution.create(campaign_id=c.id, contact_id=e.contact_id)
    await Message.create(
        execution=e, direction="out", status="sending", node_id="n", attempt=0, random_id=42
    )
    with pytest.raises(IntegrityError):
        await Message.create(
            execution=e, direction="out", status="sending", node_id="n", attempt=0, random_id=43
        )
    with pytest.raises(IntegrityError):
        await Message.create(
            execution=e, direction="out", status="sending", node_id="m", attempt=0, random_id=42
        )


async def test_migrate_again_applies_nothing(database_url):
    assert await migrate(database_url) == []
