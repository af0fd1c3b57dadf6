from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE "organizations" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "admin_view_enabled" INT NOT NULL DEFAULT 0,
    "notify_admins" INT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE "users" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "telegram_id" BIGINT NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL DEFAULT '',
    "username" VARCHAR(64),
    "language" VARCHAR(16),
    "bot_blocked" INT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "current_organization_id" INT REFERENCES "organizations" ("id") ON DELETE SET NULL
);
CREATE TABLE "api_tokens" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL DEFAULT '',
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "contacts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "workspace" VARCHAR(24) NOT NULL,
    "telegram_id" BIGINT,
    "username" VARCHAR(64),
    "username_key" VARCHAR(64),
    "phone" VARCHAR(20),
    "first_name" VARCHAR(128) NOT NULL DEFAULT '',
    "last_name" VARCHAR(128) NOT NULL DEFAULT '',
    "language" VARCHAR(16),
    "tags" JSON NOT NULL,
    "custom_fields" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'active' /* ACTIVE: active\nBLOCKED: blocked\nARCHIVED: archived */,
    "source" VARCHAR(16) NOT NULL DEFAULT 'manual' /* MANUAL: manual\nFILE_UPLOAD: file_upload\nCAMPAIGN: campaign\nAPI: api */,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "organization_id" INT REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contacts_workspa_603dd6" UNIQUE ("workspace", "telegram_id"),
    CONSTRAINT "uid_contacts_workspa_2401dc" UNIQUE ("workspace", "username_key"),
    CONSTRAINT "uid_contacts_workspa_7f66be" UNIQUE ("workspace", "phone")
);
CREATE INDEX "idx_contacts_workspa_c171ae" ON "contacts" ("workspace", "created_at");
CREATE TABLE "contact_imports" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "workspace" VARCHAR(24) NOT NULL,
    "filename" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'running',
    "total_rows" INT NOT NULL DEFAULT 0,
    "processed_rows" INT NOT NULL DEFAULT 0,
    "created" INT NOT NULL DEFAULT 0,
    "updated" INT NOT NULL DEFAULT 0,
    "skipped" JSON NOT NULL,
    "error" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* One file import: its progress while it runs and its row-by-row report after. */;
CREATE TABLE "invitations" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token" VARCHAR(64) NOT NULL UNIQUE,
    "role" VARCHAR(16) NOT NULL /* OWNER: owner\nADMIN: admin\nMEMBER: member */,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organizations" ("id") ON DELETE CASCADE,
    "used_by_id" INT REFERENCES "users" ("id") ON DELETE SET NULL
);
CREATE TABLE "memberships" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(16) NOT NULL /* OWNER: owner\nADMIN: admin\nMEMBER: member */,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "organization_id" INT NOT NULL REFERENCES "organizations" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_memberships_organiz_5e1ecd" UNIQUE ("organization_id", "user_id")
);
CREATE TABLE "signin_tokens" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "telegram_accounts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "shared" INT NOT NULL DEFAULT 0,
    "telegram_user_id" BIGINT,
    "username" VARCHAR(64),
    "phone" VARCHAR(32),
    "first_name" VARCHAR(128) NOT NULL DEFAULT '',
    "session_encrypted" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'checking' /* CONNECTED: connected\nCHECKING: checking\nDISCONNECTED: disconnected\nLIMITED: limited */,
    "flood_wait_until" TIMESTAMP,
    "limited_until" TIMESTAMP,
    "last_error" TEXT NOT NULL,
    "last_checked_at" TIMESTAMP,
    "daily_new_limit" INT NOT NULL DEFAULT 30,
    "young_daily_new_limit" INT NOT NULL DEFAULT 10,
    "hourly_limit" INT NOT NULL DEFAULT 20,
    "min_interval_seconds" INT NOT NULL DEFAULT 60,
    "jitter_percent" INT NOT NULL DEFAULT 30,
    "timezone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "account_created_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "organization_id" INT REFERENCES "organizations" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_telegram_ac_organiz_b53b24" ON "telegram_accounts" ("organization_id", "status");
CREATE TABLE "account_commands" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "payload" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending',
    "result" JSON,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMP,
    "account_id" INT NOT NULL REFERENCES "telegram_accounts" ("id") ON DELETE CASCADE,
    "created_by_id" INT REFERENCES "users" ("id") ON DELETE SET NULL
) /* Work for an account's runner asked for by the bot or the panel (health check, */;
CREATE INDEX "idx_account_com_account_16f49a" ON "account_commands" ("account_id", "status");
CREATE TABLE "account_leases" (
    "owner" VARCHAR(128) NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "heartbeat_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL PRIMARY KEY REFERENCES "telegram_accounts" ("id") ON DELETE CASCADE
) /* Which worker holds the one live client of an account, until when. */;
CREATE INDEX "idx_account_lea_expires_0c3507" ON "account_leases" ("expires_at");
CREATE TABLE "campaigns" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "timezone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "start_type" VARCHAR(16) NOT NULL DEFAULT 'immediate' /* IMMEDIATE: immediate\nSCHEDULED: scheduled */,
    "scheduled_start_at" TIMESTAMP,
    "flow" JSON NOT NULL,
    "ab_variants" JSON NOT NULL,
    "response_handling" VARCHAR(16) NOT NULL DEFAULT 'stop' /* STOP: stop\nCONTINUE: continue */,
    "send_window" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'draft' /* DRAFT: draft\nSCHEDULED: scheduled\nACTIVE: active\nPAUSED: paused\nCOMPLETED: completed\nCANCELLED: cancelled */,
    "enabled" INT NOT NULL DEFAULT 1,
    "consecutive_failures" INT NOT NULL DEFAULT 0,
    "error_message" TEXT,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP,
    "deleted_at" TIMESTAMP,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "organization_id" INT REFERENCES "organizations" ("id") ON DELETE CASCADE,
    "telegram_account_id" INT REFERENCES "telegram_accounts" ("id") ON DELETE SET NULL
);
CREATE INDEX "idx_campaigns_organiz_209242" ON "campaigns" ("organization_id", "created_by_id", "deleted_at", "id");
CREATE INDEX "idx_campaigns_organiz_79dc57" ON "campaigns" ("organization_id", "deleted_at", "id");
CREATE INDEX "idx_campaigns_status_c45f42" ON "campaigns" ("status", "scheduled_start_at");
CREATE TABLE "campaign_mutes" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "campaign_id" INT NOT NULL REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_mu_campaig_86773b" UNIQUE ("campaign_id", "user_id")
) /* A user who asked not to be notified about a campaign's replies. */;
CREATE TABLE "campaign_statistics" (
    "data" JSON NOT NULL,
    "computed_at" TIMESTAMP NOT NULL,
    "campaign_id" INT NOT NULL PRIMARY KEY REFERENCES "campaigns" ("id") ON DELETE CASCADE
) /* The cached result of get_campaign_statistics (SPEC §8). */;
CREATE TABLE "executions" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "account_id" INT,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending' /* PENDING: pending\nRUNNING: running\nWAITING: waiting\nPAUSED: paused\nCOMPLETED: completed\nRESPONDED: responded\nFAILED: failed\nCANCELLED: cancelled */,
    "current_node_id" VARCHAR(64),
    "next_execution_at" TIMESTAMP,
    "context" JSON NOT NULL,
    "run" INT NOT NULL DEFAULT 0,
    "variant" VARCHAR(16),
    "lease_owner" VARCHAR(128),
    "lease_expires_at" TIMESTAMP,
    "started_at" TIMESTAMP,
    "replied_at" TIMESTAMP,
    "completed_at" TIMESTAMP,
    "error_message" TEXT,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP,
    "campaign_id" INT NOT NULL REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    "contact_id" BIGINT NOT NULL REFERENCES "contacts" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_executions_campaig_36f03f" UNIQUE ("campaign_id", "contact_id")
) /* One lead's walk through one campaign's flow. */;
CREATE INDEX "idx_executions_account_ad13c4" ON "executions" ("account_id", "status", "next_execution_at");
CREATE INDEX "idx_executions_campaig_346743" ON "executions" ("campaign_id", "deleted_at", "status", "next_execution_at");
CREATE TABLE "execution_logs" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "node_id" VARCHAR(64),
    "node_type" VARCHAR(32),
    "kind" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'ok',
    "message_text" TEXT NOT NULL,
    "error" TEXT,
    "executed_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "campaign_id" INT NOT NULL REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    "contact_id" BIGINT REFERENCES "contacts" ("id") ON DELETE SET NULL,
    "execution_id" BIGINT REFERENCES "executions" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_execution_l_campaig_359be2" ON "execution_logs" ("campaign_id", "executed_at");
CREATE INDEX "idx_execution_l_campaig_2db7ca" ON "execution_logs" ("campaign_id", "kind", "executed_at");
CREATE INDEX "idx_execution_l_executi_6c541b" ON "execution_logs" ("execution_id", "executed_at");
CREATE INDEX "idx_execution_l_campaig_4552f6" ON "execution_logs" ("campaign_id", "id");
CREATE TABLE "messages" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "account_id" INT,
    "direction" VARCHAR(8) NOT NULL /* OUTBOUND: out\nINBOUND: in */,
    "status" VARCHAR(16) NOT NULL /* SENDING: sending\nSENT: sent\nDELIVERED: delivered\nFAILED: failed\nRECEIVED: received */,
    "random_id" BIGINT UNIQUE,
    "telegram_message_id" BIGINT,
    "variant" VARCHAR(16),
    "node_id" VARCHAR(64),
    "attempt" INT NOT NULL DEFAULT 0,
    "text" TEXT NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP,
    "delivered_at" TIMESTAMP,
    "campaign_id" INT REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    "contact_id" BIGINT REFERENCES "contacts" ("id") ON DELETE CASCADE,
    "execution_id" BIGINT REFERENCES "executions" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_messages_executi_dc146a" UNIQUE ("execution_id", "node_id", "attempt")
);
CREATE INDEX "idx_messages_campaig_a1cf10" ON "messages" ("campaign_id", "direction", "status", "variant");
CREATE INDEX "idx_messages_account_fcfcd2" ON "messages" ("account_id", "sent_at");
CREATE TABLE "resolved_peers" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "telegram_user_id" BIGINT NOT NULL,
    "access_hash" BIGINT NOT NULL,
    "username_key" VARCHAR(64),
    "via_username" INT NOT NULL DEFAULT 0,
    "resolved_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "account_id" INT NOT NULL REFERENCES "telegram_accounts" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_resolved_pe_account_269c48" UNIQUE ("account_id", "telegram_user_id")
) /* A lead's id and access hash as one account knows it (access hashes are per account). */;
CREATE INDEX "idx_resolved_pe_account_0d42c7" ON "resolved_peers" ("account_id", "username_key");
CREATE INDEX "idx_resolved_pe_account_3dd63a" ON "resolved_peers" ("account_id", "resolved_at");
CREATE TABLE "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXe1z2jga/1c8fNnuDNtJSNP2Mjc3Qwjd5ZZAJiG7N9d0PMII8GEkn19C2Zv+7ycJGy"
    "xbdmzH+IXoQ9PE0iPw79HL867/tdZ4Bg37fVfTsIucHl6vAZq1rpT/tRBYQ/JLTI+20gKm"
    "eWinDxwwNRgJ2PVVtV1n1gimtmMBzSHtc2DYkDyaQVuzdNPRMaJUf2JrpcyxpQCkeCP8ZC"
    "uWixAkz+wVnLHW6VZxllCZYkchf9FfTYCgobxbQmA4S0VbQm3Vph85wxr5TB0tCh/9CTnQ"
    "dhQbolmbDohNaAEHW3REaBrbn68YqTc63iCb/Y2RsVUM/RkqmqFD5Lyn39JF+n9dqDp4AU"
    "kfi3zXr9/IYx3N4Hdo0z+/+oDS7rYDHNdufaN9zJU616HB80tnzGHPVWdrsmfX+mKAnC+s"
    "LwVmSlhjuGt06G9unSVGewJ992ELiOiLQfoJjuVSpiHXMDw++3zcvcGhy+6rB2hmcA5cg7"
    "KeUkc47z8MsMt7pGFEZw35NjZ7xwX9lF/+1ulcXHzqnF18/Hz54dOny89nn0lf9pWiTZ9+"
    "7F74AMhuKAbL4NfBaEJfFJOpuZu79MEPRgMcsKNiTDgAvNKRAOLeElhigP3+IYjJi4Uh9g"
    "FNwth/cAD5sJwKQnkNvqsGRAtnSf686CQA+Ef3vvdb9/7dRednHsWR19JhTRTPA34m2BoY"
    "CCD858N4JIYwQBJC8RGRt/s60zWnTVaW7Xw7Fqatv89dpFEslamrG46O7Pf0Y//Ryo90Ar"
    "IUCzry2rb/awQRfXfb/VcY7N5wfM2wwbazsNgobIDrEPLe3pFh7h4oypu9LZNsqxS2oqbw"
    "+ccUU/j8Y+wUpk08kARj+l0zzOADRQET2NtWS9wTyp6pmgXp66tAAPINaXH0NRQDzVOGwJ"
    "55pO/9X2q6A5N3mI2JsODxOgH9yeC2/zDp3t5xLLjpTvq0pcOebkNP34Wn+n4Q5c/B5DeF"
    "/qn8ezzqhzm17zf5d4t+J+A6WEV4o4JZ4LT3n/rAcIydYQRzcDVAVgBLa7V+6sRB/7UTWe"
    "hL9yJBM1bK5IleljZrshB3Amfn/MOnD58vPn7Yy5n7J0nipS9KRre16TYbehG6XACWP+2L"
    "wI8qOvOVUBIPqEU8kF+wBfUF+h1uGZ4D8qUA0qAAOU+7nUADLiyw7h5GrN9s/OFPC//pga"
    "cW2OxVwdBaIy9LXhE6O0mv+9Dr3vRbMbOyACQfbZhGMqxsC34Rvcha4wB86E+U0eNw2GLz"
    "cgq01QZYM5WboLQFd3Doyb5vtGndWYefAAQWDAb6MvSr82aYIQQ2bMWbaXbt7TRGGoN2TW"
    "uiWeraUtlgawUtZYnJF/bsGjBo1lDwPGBlaSvkh24omyVE76NmmSJGTGNCgd9NnRyCVIiI"
    "t53U5mgryZLyyoMt3kaCN2i3DaRVNPcEzbSSnHc+p9ExO5/jlUzaxksLgSmbUVzmKZupBJ"
    "2SyLyEwHKm5FzJwcswreRmFdyMSKFZjv8UEusYwQkmP8qTV499xBQprRYoP5n6BK8gEspO"
    "fluy3GTqRNIg3dLJTPF4vSy1ZPLxnJCD52hiCfs/g1Ti9y/R+F2c1fvsLI1IcnYWL5LQNl"
    "4kYRNfXQJ7mQVGnqoYMI8+FTkwP35IgeXHD7FQ0qaQF8yCc/17FhQPFA2VkQt3w0gvwYl6"
    "CQxgO6pr52JtmFb6CypWfiz4TPb/PKzkKSUjK2YkWVRWNtNYgOItuXwSXBauLbKLHcvKXm"
    "MnRWBqpND5SrOv98DaBIQVLYF+uG9rJ+mHmtfr+OrhV7IPLADS/wJssHbYk7MD1d8+CdaE"
    "Pkoj7nUI/LG1JZy5BulBnllOsgFdKqanqpgWqQl0UqmmnQTVtBNVTYPfLILkBH6PmYQhsm"
    "Zo+klSRf9fE06giIRj7YWK4Xj0q989HKMVUvuJePUXRpmmaJCmRFQfJ73CTCjFa/27LZTh"
    "IISyj9x1RAQIR2QGRigRWH29hjOdjBqFtzW4ve3fDIiMeqXsuz2hh95v/ZvHYf/mStkfIm"
    "EHcDWGA8GZFmFHsmoiHkGqKBWrKHODNERYGR+W6/eXUeX5Y3XBVH0Glg7ox2eAPkQmOZCf"
    "A6TJJN8AqkuAZoYXOp/ncBEOVOIZYzvYFBwvD5PxHTlDSOMT6o1Hk8HokZw0BHTCLRfW5E"
    "iBaKZuyNtl24BCZDVYBZ6yu1dj38NnaG3VGdh637NJKyMp4yWVrFV+9svMAnNHsAhu7rtf"
    "JlcKaxbLVk+o25sM/iBLAxBWPhMJ7K77+EC7mIAaxOniub0b9if0kYbXJlP8ydPuqNcfsr"
    "E0ioNRGzkNIgqlKKERYwMCFBP9dKAK8W1KyI7FuL3FoeiFcT0eD7mFcT0Iq2yPt9d9Ai1D"
    "lnTSd6Y0Qfw53dw1l04OdQ50w7WgYHHEh6HHkJdn2z3Lj3DRsfzQsrClrqFtg4VAm4u3OE"
    "QIc20u9dITjmF0kN7dE/XuuuYsJ2N5SsnYShnrffng6eKJFHmWbIhWWlIqtqTwbqEsrOQp"
    "JSMrZmS1OYcN9eAHAQw6TLNBKKB8Q4mbnAPJi1dXc2VYxVC/ISwTIkrC/vxXRpaMQ8PVDs"
    "60ASaCxVfPVNgaB+kk58IKEQyv1QJwzJ7sUt9ZGbOVZc4xDmYJMpMMRgJLzrVH++X3e2iA"
    "mBgHD+W+P06zpuyPTNFgvGVYtx1dS4DNT8p6GTw/NOyBG7Uxs/RHzii5W5fN2NhIOdbeTh"
    "Mtp65J15RZ6F2FBg8qmyX2Cvch7CgOVqaQ/qaTd5gpYIpdRwGKP75XmU+HdjQHvYDxBMF6"
    "X/fvxjrQs+CbzO8qQqyMD6OTJsOTsCwJlFh/m8imwvJUb1WBlXH7r9eygnv5K8XZYBh5/X"
    "BMrRrwa+tlxUBmPjQj8yEgwiZIdrygm0K+4+Xtl4W8yRISYYuGNii72pm0BhCRrlTBiMq7"
    "h7t+T3lyz87Ap88/RyW81w72ilT9Gp1cTZfuaEMUw/jYKr9/VUFVR/NBHKfkKl6bbn7nnd"
    "t06bkh0nKsz6egCjXxgk7GEjWvEXPqUpsmlZBT4BGMkbM7FKPnrteUfNjuOh0h8/Bri5bo"
    "s02w4/jeiumnC3KtVMChX19dwa2g2VzSrKCwLSTUKaCPy6sOKrvqgGNJ2sQvntnNTFBMk/"
    "jViU/86kQSv4IrJtOcDRE2y+dZyvTlVcysmbRBmoYEYh47SZHbv3NA6dNJOFnb7rzLgOOe"
    "oJEAdtLldiekdocBnOuW7ahZFzZP1Yy87hKKyrLySFmx5IgklHso0cIVBv8nIXmgaeTyLj"
    "7JxwGLTImjfv8a5MrtM0bpBzYpL05zbQfv9dIM4EcI68SFpuXtNjA7cZdZGMW4FU49vB6O"
    "e7/TlMKpgbUVS04keJEu5BGwtCXpVJMkQxu7VpyGm4ILe+oSubAGyAWGgAu33dFjd3il7D"
    "o8oS+DYV99vBuOuwT2uW5A1TXpTXo06fP2rjv4dXS1D2khHLobEOaYej34IoM5TjSYQ+Z/"
    "nQRjo/lfMtNEZprULG5HZkfI7IiKsyMqCufZ+QIHaxNbSR5Fr0M7hV9R1VnflAE8YwSZxK"
    "nsqK4U3bEV08L0vLGVzZI1OfSOdFsBaMaaLbz5Zbr9hfxHo6sJlQLmDrSiAT1FDy7v4ig9"
    "mkf6FovyLdKFkN06fqBpKI6Xl2mAvLyMR5K2NfKGdLKvoXrfkO5gBxgq2Wuz1Bfiid5kVS"
    "FyhmnkCCNSRUbsooRvEj9PJsuufb5ZxDybSgbEAhRvEjF7pZumCLGEMo8Hkjo5TJrmtmKl"
    "06K4v1BrrTlO6yRboCyxJi2xqU3scx3p9jIXZ0Oksn6TrN9U8rI8cianNGI2xoh5qEkiMG"
    "ByBUvijZd8fZR0dkuDHAw/2coGGCvFWVrYXSwVjGCw+gO9OUBsl8xC/GLdCM/0KkiX4AvI"
    "HMwQiAhD6v6lWQIFTcEIDspX6EsklbkXVeVe5KqU9mYLpDU8rMqEaCY06LXu+qObwejXK8"
    "Xr8oTuH0cj9sSzAj6hP7uDCXuyAbrDnqQr/H7ff7gbj27o093NDzP69Et3wGrB0wrf9S4P"
    "r7mWBclsR2TXF66TeLOtgLSR4bjFpytED4GMCoRwAKlGVK1GEEGCMCaL0SpAUiejVdOifM"
    "k2neEE93q/ScOqdx9Uln08QNLI/bv4Q5GoHzZU8QaJyu0kJKbwZM0E8yhZPgwY+N3UyRrP"
    "cx+9gF6ehhWfhuzSxlzmUZ5SMrJiRu6KcOZhJE8pGVm5fCovDzkZZsq7saTjVjpuZW7Um2"
    "VsJDdKXqdUfzamk1PqU8+zeZ6ZfSJJRuchT9cw9ErwIyaFO8jC1a8sXK0dSi++FsDDSA3G"
    "j1uLWaNFAlEcOyH/lbfW3B5Uhboee6+8siZvyMwQL1pJUTO0vZ0qcEY18OIINUUjES3BrW"
    "r34V4B0HD8yoqQCTvBYEhQ4hC0cKmMbakqtiWHw1466iOOeooIAyErjD5RI4G86KQA8qIT"
    "CyRt4oH0t5O0GPr9m5k3WTx+DUmaxKtWURgW77X1pCFVHKMRbzAN08k8F5G5tOS8oXpZWI"
    "4CaEC2isCabM8KkUpDZc0s0NLA1UwD11sp8n5QS7OCHKaUMEszYnlmRM428UoIs9zVXB+7"
    "VxjC8Hqspym2vvglWGLTXCF+TCvkAD3rDojL3Au0tpMskPq+3/HNj5mMgSdkCTxafS8Hr6"
    "Bgr4s3CuwJitFhj47fkc17FjZyF6X2aSu2ULXGf47691cKiyp/Qt2b28HoSgGztY6e0G3/"
    "9po2ruF6uos5r94KI8OqTlSpzR++X3jgfnUybd0ZmSr+huaz5omOs2UIVV1YaMFnctTni9"
    "kPUkpGVh0LJ0vTNL3g+wmAyLb2rFOQJ2qWJfA0a+XX2NYni+WXVmdKsLDLg6++pj5+u6qV"
    "qe+W6e/2UjdbAlNfoLWdZOpb7/sd5fby8NZGr6qN1NSSJsBcJ3G8CVCasASYSxOWNGHlMW"
    "FJXaEYXcHKrChYbxA0qSaUpCa4tqhOzxtUEAILrU4laP0EI6Fsu889ShJsD2lORUu1XEhJ"
    "IEECOA5cm6KisVwVWN2Cmk99iMj2K2qxlJlQkVlaMVFWhZVVYZtyinEZ+MHpnkcj4QaoXC"
    "15nFyPH0c3RDNxnSc0GHl/6SiPGpKmbFp80bRIybTmFeAVg/zg1961/dq75MmE/Ukwv+kP"
    "B3/072ldXLLr68/QElXPve/3+rtbz8nsgfW59dwCaIbXmWNoObJCdpJT2rcD0U9EfllYYO"
    "3XMsoMdMwAzdq8SwZd1g8tYGOQubkFBO/5EngGGe1A8SZr/2ZNfJQJjzLhURbck2b115rV"
    "fZtGRq4GyGQYWsVhaHvtK191PY5WMrPqmMLK0o+bb+KS2ccy+7i5MCe4HGXubPv1ubOVZH"
    "DXF8FG1IGsMXyvKgN5TI8tF1AgcNuGAw7ifbdBh77MQG5c+CH7P4JcghnT69/Mum6ds7MU"
    "VkzSK9aMydpCTtPAN4sgGW9NCpFJG53IpMSCSNVnHW5UiOhLiwRKjA0IUIzJWDhACOwpGe"
    "FYaGfdA9MDfj0eDznArwdhRB9p7O27c4Y+6aQ7MRI7wo4+36oMLFGx4SSEI7QSXGkWPVmz"
    "aEQBi5ffAsIJX6MltLgyVPLmi8LUj9lxgjG3HkJpLPnR4PNmGoTGMSX7e2hj4xnO7iAToC"
    "OSPdeeKNlbXk/VJF3TifatrkIOitlPtqLPFIDIP02Dtq0sgb1UgK1gBBUv0E5ZkWVF+jnK"
    "u0AnaCvAgooJLb/fz+9bIbCP9iHC+FGvB0PGDzfxw3CjsaOB3rQTxV5dwS0XKEob99jKSN"
    "EqI0UjHM0Et4i6YfkPJVuGd4tQpYswG9QhQolyEsrczhOBOV63D9M1JMzh2HFKzzpQfWgy"
    "6kZhUqkahQJsA8dgBNmXytxwpFI5qoFyFNrqK0nCqG6XP1YuYUBsfKVPZeIJLN3DiPVDM6"
    "1zhZ8rdXKuPBCmDNCEleoUaGDB5naSAmaTjjphIu0pXSuNc60wvsXIui9UeI0TdHN6BZpe"
    "5lVaUE9USJAlRxvAyFQhibLk6CmwUNb9eKWsLitVwFpXqghrQALxXKAkxYvoexOwp42UcQ"
    "VsuLaMlwuezY0gBfiXBXibCOmZA04ORNLYF5PuXa2z5ZTDw0VegDweAGn938NoEhAyYbgn"
    "aCSAxd98O9ct21GzzkSeqhnBkaGqA500FWNIr/i6A51o1Rho2zShASLN2pqO6HSKjzgVEj"
    "cD2rLjTptXnaelLaG2ohhGUG71xqNRvzehBXYIrghqDq260/ut3/udle7xSZ/QzeAh0Hmm"
    "24H+w8HtgD029LXu1KVGz9zAeKZugO6oRP7WjawWCBG9NEVUbIrwZlg+jkaIJTurZicgZ3"
    "nmchs8lTynROcUw4ht37nMrwJyuViqrtQAdGOrIrhR2UaWwXQjoCzPLHtRozpJW+yihZof"
    "yFj68uA8rxGcS+xaBImsKIbJygOvUyPwaPoZGRtaz8BQbUg+bSbQK2JBjCMvD8yPNQLzP7"
    "pDoFBNaGlQFBEVC2OU8G3ujPQE/yujQStIU6IU9jjpFWaLOULxQi/6LH9oingEKX5VXVtJ"
    "xhqdZqzRzgeds/4ZlCu0ditU3qja2BtVm1lGLiHup9r7fupbAUneClraraAFBVQFbIsQ2K"
    "KEN49ujOAEkx8v5+l7kVRDf7zGzOYfGaPL2FwThJT5czA+jowGXsgUj8ZFiO2DknJHMxUp"
    "iZxSzn6TKpQVFzNylPpkMhCsEIuPAdDC9a6ySwtjkKaRMBYfrzHFjjo1MPU4CrbMpMjaEK"
    "UMr5VJcm/CcKW5lkVvUsivtieMINX3OICkGh9QQeMnEKeMPvQnyuhxOEzSRgM+FFMPJLeL"
    "tcw0deC6pr7Ppq/fzhSrXMqaeGXVxOtCS9eWLYFm7rW0k3RzcOgjlfOa7entBOX8mayD2K"
    "tsxegFSBpa4PryMo0CeXkZr0DStpCv2zSzgOh1byaA56k08PMEDfw8qoHTewCE8Sr/fBiP"
    "YkS2A0kIyEdEXvDrTNectmLotvOtnrAmoEjfmpO9I5Gw4aDXkFBNB7gWSXRlJhX/+D+ZsM"
    "YW"
)
