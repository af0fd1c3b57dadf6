from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE "organizations" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "admin_view_enabled" BOOL NOT NULL DEFAULT False,
    "notify_admins" BOOL NOT NULL DEFAULT False,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE "users" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "telegram_id" BIGINT NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL DEFAULT '',
    "username" VARCHAR(64),
    "language" VARCHAR(16),
    "bot_blocked" BOOL NOT NULL DEFAULT False,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "current_organization_id" INT REFERENCES "organizations" ("id") ON DELETE SET NULL
);
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL DEFAULT '',
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "contacts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "workspace" VARCHAR(24) NOT NULL,
    "telegram_id" BIGINT,
    "username" VARCHAR(64),
    "username_key" VARCHAR(64),
    "phone" VARCHAR(20),
    "first_name" VARCHAR(128) NOT NULL DEFAULT '',
    "last_name" VARCHAR(128) NOT NULL DEFAULT '',
    "language" VARCHAR(16),
    "tags" JSONB NOT NULL,
    "custom_fields" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'active',
    "source" VARCHAR(16) NOT NULL DEFAULT 'manual',
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "organization_id" INT REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contacts_workspa_603dd6" UNIQUE ("workspace", "telegram_id"),
    CONSTRAINT "uid_contacts_workspa_2401dc" UNIQUE ("workspace", "username_key"),
    CONSTRAINT "uid_contacts_workspa_7f66be" UNIQUE ("workspace", "phone")
);
CREATE INDEX "idx_contacts_workspa_c171ae" ON "contacts" ("workspace", "created_at");
COMMENT ON COLUMN "contacts"."status" IS 'ACTIVE: active\nBLOCKED: blocked\nARCHIVED: archived';
COMMENT ON COLUMN "contacts"."source" IS 'MANUAL: manual\nFILE_UPLOAD: file_upload\nCAMPAIGN: campaign\nAPI: api';
CREATE TABLE "contact_imports" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "workspace" VARCHAR(24) NOT NULL,
    "filename" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'running',
    "total_rows" INT NOT NULL DEFAULT 0,
    "processed_rows" INT NOT NULL DEFAULT 0,
    "created" INT NOT NULL DEFAULT 0,
    "updated" INT NOT NULL DEFAULT 0,
    "skipped" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "contact_imports" IS 'One file import: its progress while it runs and its row-by-row report after.';
CREATE TABLE "invitations" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token" VARCHAR(64) NOT NULL UNIQUE,
    "role" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organizations" ("id") ON DELETE CASCADE,
    "used_by_id" INT REFERENCES "users" ("id") ON DELETE SET NULL
);
COMMENT ON COLUMN "invitations"."role" IS 'OWNER: owner\nADMIN: admin\nMEMBER: member';
CREATE TABLE "memberships" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "organization_id" INT NOT NULL REFERENCES "organizations" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_memberships_organiz_5e1ecd" UNIQUE ("organization_id", "user_id")
);
COMMENT ON COLUMN "memberships"."role" IS 'OWNER: owner\nADMIN: admin\nMEMBER: member';
CREATE TABLE "signin_tokens" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "telegram_accounts" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "shared" BOOL NOT NULL DEFAULT False,
    "telegram_user_id" BIGINT,
    "username" VARCHAR(64),
    "phone" VARCHAR(32),
    "first_name" VARCHAR(128) NOT NULL DEFAULT '',
    "session_encrypted" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'checking',
    "flood_wait_until" TIMESTAMPTZ,
    "limited_until" TIMESTAMPTZ,
    "last_error" TEXT NOT NULL,
    "last_checked_at" TIMESTAMPTZ,
    "daily_new_limit" INT NOT NULL DEFAULT 30,
    "young_daily_new_limit" INT NOT NULL DEFAULT 10,
    "hourly_limit" INT NOT NULL DEFAULT 20,
    "min_interval_seconds" INT NOT NULL DEFAULT 60,
    "jitter_percent" INT NOT NULL DEFAULT 30,
    "timezone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "account_created_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "organization_id" INT REFERENCES "organizations" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_telegram_ac_organiz_b53b24" ON "telegram_accounts" ("organization_id", "status");
COMMENT ON COLUMN "telegram_accounts"."status" IS 'CONNECTED: connected\nCHECKING: checking\nDISCONNECTED: disconnected\nLIMITED: limited';
CREATE TABLE "account_commands" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending',
    "result" JSONB,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ,
    "account_id" INT NOT NULL REFERENCES "telegram_accounts" ("id") ON DELETE CASCADE,
    "created_by_id" INT REFERENCES "users" ("id") ON DELETE SET NULL
);
CREATE INDEX "idx_account_com_account_16f49a" ON "account_commands" ("account_id", "status");
COMMENT ON TABLE "account_commands" IS 'Work for an account''s runner asked for by the bot or the panel (health check,';
CREATE TABLE "account_leases" (
    "owner" VARCHAR(128) NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "heartbeat_at" TIMESTAMPTZ NOT NULL,
    "account_id" INT NOT NULL PRIMARY KEY REFERENCES "telegram_accounts" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_account_lea_expires_0c3507" ON "account_leases" ("expires_at");
COMMENT ON TABLE "account_leases" IS 'Which worker holds the one live client of an account, until when.';
CREATE TABLE "campaigns" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "timezone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "start_type" VARCHAR(16) NOT NULL DEFAULT 'immediate',
    "scheduled_start_at" TIMESTAMPTZ,
    "flow" JSONB NOT NULL,
    "ab_variants" JSONB NOT NULL,
    "response_handling" VARCHAR(16) NOT NULL DEFAULT 'stop',
    "send_window" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'draft',
    "enabled" BOOL NOT NULL DEFAULT True,
    "consecutive_failures" INT NOT NULL DEFAULT 0,
    "error_message" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ,
    "deleted_at" TIMESTAMPTZ,
    "created_by_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "organization_id" INT REFERENCES "organizations" ("id") ON DELETE CASCADE,
    "telegram_account_id" INT REFERENCES "telegram_accounts" ("id") ON DELETE SET NULL
);
CREATE INDEX "idx_campaigns_organiz_9623fe" ON "campaigns" ("organization_id", "created_by_id", "status");
CREATE INDEX "idx_campaigns_organiz_413753" ON "campaigns" ("organization_id", "status");
CREATE INDEX "idx_campaigns_status_c45f42" ON "campaigns" ("status", "scheduled_start_at");
COMMENT ON COLUMN "campaigns"."start_type" IS 'IMMEDIATE: immediate\nSCHEDULED: scheduled';
COMMENT ON COLUMN "campaigns"."response_handling" IS 'STOP: stop\nCONTINUE: continue';
COMMENT ON COLUMN "campaigns"."status" IS 'DRAFT: draft\nSCHEDULED: scheduled\nACTIVE: active\nPAUSED: paused\nCOMPLETED: completed\nCANCELLED: cancelled';
CREATE TABLE "campaign_mutes" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "campaign_id" INT NOT NULL REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_mu_campaig_86773b" UNIQUE ("campaign_id", "user_id")
);
COMMENT ON TABLE "campaign_mutes" IS 'A user who asked not to be notified about a campaign''s replies.';
CREATE TABLE "campaign_statistics" (
    "data" JSONB NOT NULL,
    "computed_at" TIMESTAMPTZ NOT NULL,
    "campaign_id" INT NOT NULL PRIMARY KEY REFERENCES "campaigns" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "campaign_statistics" IS 'The cached result of get_campaign_statistics (SPEC §8).';
CREATE TABLE "executions" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "account_id" INT,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending',
    "current_node_id" VARCHAR(64),
    "next_execution_at" TIMESTAMPTZ,
    "context" JSONB NOT NULL,
    "run" INT NOT NULL DEFAULT 0,
    "variant" VARCHAR(16),
    "lease_owner" VARCHAR(128),
    "lease_expires_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ,
    "replied_at" TIMESTAMPTZ,
    "completed_at" TIMESTAMPTZ,
    "error_message" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ,
    "campaign_id" INT NOT NULL REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    "contact_id" BIGINT NOT NULL REFERENCES "contacts" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_executions_campaig_36f03f" UNIQUE ("campaign_id", "contact_id")
);
CREATE INDEX "idx_executions_account_ad13c4" ON "executions" ("account_id", "status", "next_execution_at");
CREATE INDEX "idx_executions_campaig_91d2b0" ON "executions" ("campaign_id", "status");
CREATE INDEX "idx_executions_status_957881" ON "executions" ("status", "lease_expires_at");
COMMENT ON COLUMN "executions"."status" IS 'PENDING: pending\nRUNNING: running\nWAITING: waiting\nPAUSED: paused\nCOMPLETED: completed\nRESPONDED: responded\nFAILED: failed\nCANCELLED: cancelled';
COMMENT ON TABLE "executions" IS 'One lead''s walk through one campaign''s flow.';
CREATE TABLE "execution_logs" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "node_id" VARCHAR(64),
    "node_type" VARCHAR(32),
    "kind" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'ok',
    "message_text" TEXT NOT NULL,
    "error" TEXT,
    "executed_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "campaign_id" INT NOT NULL REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    "contact_id" BIGINT REFERENCES "contacts" ("id") ON DELETE SET NULL,
    "execution_id" BIGINT REFERENCES "executions" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_execution_l_campaig_359be2" ON "execution_logs" ("campaign_id", "executed_at");
CREATE INDEX "idx_execution_l_campaig_2db7ca" ON "execution_logs" ("campaign_id", "kind", "executed_at");
CREATE TABLE "messages" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "account_id" INT,
    "direction" VARCHAR(8) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "random_id" BIGINT UNIQUE,
    "telegram_message_id" BIGINT,
    "variant" VARCHAR(16),
    "node_id" VARCHAR(64),
    "attempt" INT NOT NULL DEFAULT 0,
    "text" TEXT NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ,
    "delivered_at" TIMESTAMPTZ,
    "campaign_id" INT REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    "contact_id" BIGINT REFERENCES "contacts" ("id") ON DELETE CASCADE,
    "execution_id" BIGINT REFERENCES "executions" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_messages_executi_dc146a" UNIQUE ("execution_id", "node_id", "attempt")
);
CREATE INDEX "idx_messages_campaig_5863a2" ON "messages" ("campaign_id", "direction", "status");
CREATE INDEX "idx_messages_account_fcfcd2" ON "messages" ("account_id", "sent_at");
COMMENT ON COLUMN "messages"."direction" IS 'OUTBOUND: out\nINBOUND: in';
COMMENT ON COLUMN "messages"."status" IS 'SENDING: sending\nSENT: sent\nDELIVERED: delivered\nFAILED: failed\nRECEIVED: received';
CREATE TABLE "resolved_peers" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "telegram_user_id" BIGINT NOT NULL,
    "access_hash" BIGINT NOT NULL,
    "username_key" VARCHAR(64),
    "via_username" BOOL NOT NULL DEFAULT False,
    "resolved_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "account_id" INT NOT NULL REFERENCES "telegram_accounts" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_resolved_pe_account_269c48" UNIQUE ("account_id", "telegram_user_id")
);
CREATE INDEX "idx_resolved_pe_account_0d42c7" ON "resolved_peers" ("account_id", "username_key");
CREATE INDEX "idx_resolved_pe_account_3dd63a" ON "resolved_peers" ("account_id", "resolved_at");
COMMENT ON TABLE "resolved_peers" IS 'A lead''s id and access hash as one account knows it (access hashes are per account).';
CREATE TABLE "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXWlv2zga/iuCv0wH8BSJ07TdYLGA47gz3nHsILFnFtsUAi3RttYyqdUR17Pof19Sl3"
    "VQiiTLOhx+aJqIfGnreXm8N//X2WIZqsb7viRhC5kDvN0CJHduhP91ENhC8ktCj67QAZp2"
    "aKcPTLBQbRLg9BUlp7PdCBaGqQPJJO1LoBqQPJKhIemKZioYUao/sb4RllgXABLcEX4yBN"
    "1CCJJnxgbKdutiL5hrKCywKZC/6K8aQFAV3q0hUM21IK2htOnSj5SxRD5TQavSR39GJjRM"
    "wYBI7tIBsQZ1YGKdjgg1df/zjU3qjo53yLD/xkjdC6ryAgVJVSAy39NvaSHlvxYUTbyCpI"
    "9OvuvXb+SxgmT4HRr0z68eoLS7YQLTMjrfaB9tIy4VqIb5pdjMsZ+L5l6zn90qqxEyv9h9"
    "KTALwhrV2qJDf21vrjHyCRTnw1YQ0ReD9BNM3aJMQ5aqunz2+Oi8waGL89UDNDJcAkulrK"
    "fUMc57DwPsch9JGNFZQ76NYb/jin7KL3/r9a6uPvUurj5+vv7w6dP154vPpK/9leJNn344"
    "L3wAxBnKhmX062gyoy+KydR05i598MOmASZwqGwmHADeKIgB8WANdDbAXv8IxOTFohB7gK"
    "Zh7D04gHxYTiWhvAXfRRWilbkmf171UgD8o/84+K3/+O6q93MYxYnb0rObKJ4H/DSwVzFg"
    "QPjPp+mEDWGAJILiHJG3+yorktklK8swv50K087flxaSKJbCwlJUU0HGe/qx/+gURzoFWY"
    "oFHXlrGP9Vg4i+u+//Kwr2YDy9tbHBhrnS7VHsAW4jyLt7R465e6CobvZ2NLKtUtjKmsKX"
    "HzNM4cuPiVOYNoWBJBjT75pjBh8oSpjA7rZa4Z5Q9UyVdEhfXwQMkO9Ii6lsIRvoMGUEbN"
    "klfe/90tAdmLyDPCXCgsvrFPRno/vh06x//xBiwV1/NqQtPfvpPvL0XXSq+4MIf45mvwn0"
    "T+Hf08kwyim/3+zfHfqdgGViEeGdCOTAae899YAJMVbGCBbgaoCsBJY2av00iYPea6ey0J"
    "PuWYJmopQZJnpd2mzIQnQEzt7lh08fPl99/ODLmf6TNPHSEyXj29pinw+9GF0hAKuf9mXg"
    "RxWd5YYpiQfUojCQX7AOlRX6He5tPEfkSwEkQQZyrnY7gypc6WDbP4zYvNn4w5sW3tMDT3"
    "Ww81XByFojL0teEZqOpNd/GvTvhp2EWVkCknMDZpEMa9uCX0UvttZCAD4NZ8JkPh537Hm5"
    "ANJmB3RZDE1Q2oJ7OPLE7xtv2va20ScAgZUNA30Z+tXDZpgxBAbsJJtpnPZuFiONSrtmNd"
    "GsFWkt7LC+gbqwxuQLu3YNGDRrCHgZsLJ0BfJDUYXdGqL3cbNMGSNmMaHA75pCDkEqRCTb"
    "ThpztFVkSTnyYEu2keAdcraBrIqmT9BOK8ll73MWHbP3OVnJpG1haSEwZXOKy2HKdipB5y"
    "QyryHQzQU5VwrwMkrLuVkHN2NSaJ7jP4PEOkVwhsmP6uTVUx8xZUqrJcpPmjLDG4iYspPX"
    "li43aQqRNEi3bDJTMl6vSy25fDxn5OA5mVhi/59DKvH6V2j8Ls/qfXGRRSS5uEgWSWhbWC"
    "SxJ764BsY6D4xhqnLAPPlUDIH58UMGLD9+SISSNkW8YDpcKt/zoHigaKmMXLobhnsJztRL"
    "oALDFC2jEGujtNxfULPyo8MXsv8XYWWYkjOyZkaSRaXnM40FKN6SyyfFZWEZLLvYqazsDX"
    "ZSBKZGBp2vMvv6AGw1QFjRYeiHfls3TT+U3F6nVw+/kn1gBZDyF7AH60Y9OV6oYFeI9wy2"
    "HYJ8DGkNZUslI5BnupluLOdK6LkqoWVK/b1MamgvRQ3txdXQ4DeLITmD3xMmYYSsHVp9mg"
    "Qx/NcsJDzEQq98AWI8nfzqdY/GY0VUfCJK/YVRrikapKkQ1flsUJq5pHwN39lCbRyYUA6R"
    "tY0d99Hoy8AIFQKrbLdQVsiocXg7o/v74d2IyKM3gt/tGT0NfhvezcfDuxvBP0Sizt56jA"
    "SMMy3GjnQ1hD0CV0dqVkeWKmmIsTI5BNfrzyPIi8flgoX4AnQF0I/PAX2EjHOgOAdIk0a+"
    "ARTXAMmqGyZf5HBhDlThGWOYWGMcL0+z6QM5Q0jjMxpMJ7PRZE5OGgI64ZYFG3KkQCSLO/"
    "J2+TagCFkDVoGr2Poq63v4AvW9KIO9+z3btDLSslsyyVrVZ7rIOliajEVw99j/MrsR7Ga2"
    "bPWM+oPZ6A+yNABh5QuRwB768yfaRQPU+E0Xz/3DeDijjyS81ah9hT7tTwbDsT2WRHFQGy"
    "OnQUShZCUvYqxCgBIinQ5UEb4tCNmpGOdbHMpeGLfT6Ti0MG5HUZVtfn87JNDayJJOimM2"
    "Y8Sa081dsujkEJdAUS0dMhZHcsh5Anl1dtyL4giXHbcPdR3r4hYaBlgxtLlki0OMsNDm0i"
    "w94RRGB+7JPVNPrqXJBRkbpuSMrZWx7pcPni6uSFFkyUZouSWlZkuK430rwsowJWdkzYys"
    "N7+wpd76IIBBN2k+CBmUbyhJM+RAcmPTxULZVAnUbwjLlOiRqBf/yCiSaWS4xsGZNZiEsf"
    "iamfba4ICc9LxXJoLRtVoCjvkTW5o7KxO2stz5xMGMQNskgxHDknPr0n75/RGqICHGwUV5"
    "6I3Trin7I1fkV9gyrBimIqXA5iVgvQ6eFwb2FBq1NbP0R8GIuHvLnrGJUXF2ezdLZJy4JV"
    "0zZpz3BRooKOzW2C3Sh7ApmFhYQPqbQt5BFsACW6YABG98twqfAo14vnkJ4zEC877672Z3"
    "oGfBN57LVYZYmRxGx02GZ2FZYiix3jaRT4UNU71VBZbH6B+vZQX38iPF2WDIePNwzKwahN"
    "fW64oBz3JoR5ZDQIRNkezCgm4G+S4sb78u5M3WkAhbNLRBcOpk0no/RLoSGSMK754ehgPh"
    "2bq4AJ8+/xyX8I4d7Ii0/AadXG2X7mhDHMPk2Cqvf11BVSfzQZymvCrealZx553Vdum5Jd"
    "Jyos+npGo0yYJOznI0x4g5TalDk0nIKfEIxsh0DsX4ues2pR+2TqcTZBl+7dByfIYGHI77"
    "VkyCi50uGGqlAg79+uIG7hnN2ppmBUVtIZFOAX2cX2tQ27UGIZZkTfwKM7udCYpZEr96yY"
    "lfvVjiV3DF5JqzEcJ2+Twrmb5hFTNvJm2QpiWBmKdOUgzt3wWg9Og4nHabc97lwNEnaCWA"
    "vWy53Smp3VEAl4pumGLehR2makdedwUFZO1SSHmxDBFxKH0o0cpiBv+nIXmgaeXyLj/Jxw"
    "SrXImjXv8G5Mr5GaP0A9uUFydZhol9vTQH+DHCJnGhbXm7LcxOdDIL4xh3oqmHt+Pp4Hea"
    "UrhQsbSxkxMJXqQLeQR0aU06NSTJ0MCWnqThZuCCT10hF7YAWUBlcOG+P5n3xzeC0+EZfR"
    "mNh+L8YTztE9iXigpFS6O35tGkz/uH/ujXyY0f0kI49DAizNGUZvCFB3OcaTAHz/86C8bG"
    "8794pgnPNGlY3A7PjuDZETVnR9QUzuP4AkdbDetpHkW3QzeDX1FU7L4ZA3imCNoSp+BQ3Q"
    "iKaQiajul5Ywi7td1k0vvQDQEg2W7W8e6Xxf4X8h+NriZUAliaUI8H9JQ9OL93o/JoHu5b"
    "LMu3SBdCfuv4gaalOF5fZwHy+joZSdrWytvQyb6Gmn0buolNoIpkr81TXyhM9CarCpEzTC"
    "JHGJEqcmIXJ3yT+LkyWX7t880i5tpUciAWoHiTiBkbRdNYiKWUeTyQNMlh0ja3lV06LY77"
    "K7XW2uO0TrMF8hJr3BKb2cS+VJBirAtxNkLK6zfx+k0VL8sTZ3JyI2ZrjJiHmiQMA2aoYE"
    "my8TJcHyWb3VIlB8NPhrAD6kYw1zq2VmsBIxis/kBvDmDbJfMQv1o3wjW9MtIlwgVkDmYI"
    "RIQh0X9pO4GCpmAEB2Vf9ES+twHFwDXxPPGitsSLQmXS3mx1tJbHVGkQyUxrXudhOLkbTX"
    "69Edwuz+hxPpnYT1wT4DP6sz+a2U92QDHtJ9mqvj8Onx6mkzv61Ln2QaZPv/RHdiF4Wt67"
    "2bXhJUvXIZntiGz5zHWSbLNlkLYyFrf8XIX44ZFTe2AOwHWIunUIIkUQxuSxWAVImmSxal"
    "uIL9mmc5zgbu83aVV1L4PKs48HSFq5f5d/KDoyPN4hVq2dlKyUMFk7wTxJik9UJ8p5HLLo"
    "+WlY82lo39hYyDYapuSMrJmRTgXOIowMU3JG1i6f8ptDzoaZ/GIs7rXlXlueGPVmGRtLjO"
    "J3KTWfjdnklOYU82yfZ8bPIsnpPAzTtQy9CvyIabEOvGr1kVWrpUPdxWMBPIzUYvxCazFv"
    "qEgghMMR8o+8sub+oCo09dg78r6aovEyY7zqpIXM0PZupqgZUcWrExQUjYWzBLcq58Pd6p"
    "/R4JUNIYt14pEqdUWqFHC/c7d7zO1OEbFByAujR9RKIK96GYC86iUCSZvCQHqbQ1YMvf7t"
    "TIEsH7+W5D/iTacsDMv3wbqyjciOuEg2f0bpeMoKy/hZcQpQs+wlJwE0IEfFYE23TkVIud"
    "mxYfZkbq5qp7nqrdRrPyiZeUGOUnKYuVGwOqMgDGYeHQlhnmuXm2PFikIYXY/NNKw2F78U"
    "u2qW28BPaVMcoRfFBElJeIHWbpo9UfH7nd6YmMsYeEaWwJOV6jLxBjL2umSjgE9Qjg57cv"
    "xObN7TsVq4vrRHW7OFqjP9czJ8vBHsGPFn1L+7H01uBCBvFfSM7of3t7RxC7cLJ4K8fisM"
    "D5I6U6W2eDB+6WH49cm0TWdkpmgamp1aJNbN4AFRTWGhDl/IUV8sAj9IyRlZd2QbrzLT9t"
    "rtZwCivbXnnYJhonZZAs+z7H2DbX287n1lJaMYC7s6+Jpr6gtvV40y9d3b+ruxVrQOw9QX"
    "aO2mmfq2fr+TXEQe3drorbOx8ljcBFjoJE42AXITFgNzbsLiJqwiJiyuK5SjK+i5FQX9DY"
    "LG1YSK1ATLYFXdeYMKQmChNamarJcuxJRt/UyiNMH2kLRUtlQbCikJJEgA04RbjVX/NRjG"
    "Iys6lDzqYHXXSJFYWvSQp8vwwq5tObpCSfTBOV5EDQkNULsuMp/dTueTO6KOWOYzGk3cvx"
    "RURPfIUvksue5ZrOpZ+2roskF+8srnGl75XPJkZv9JML8bjkd/DB9paVuy1SsvUGcVwH0c"
    "DobOreVk9sDm3FquAyTjbe7A2RBZKTvJOe3bgZAnIrSsdLD1yhHlBjphgHZt3hWDzkuAlr"
    "Ax8ITcEiL2PLE7h4x2oHiT5XvzZjvyLEee5chr5nFb+rG2dM+mkZOrATIee1Zz7JmvfRUr"
    "kBei5cysO5Cwtpzj9pu4eMoxTzluL8wpfkaeMNs9PmG2lrTt5iLYilKODYbvqEqOp3TThq"
    "IIGL7aaJRBssM26MXnacetizm0/48hl2LGdPu3s5hb7+IigxWT9Eo0Y9ptEadp4JvFkEy2"
    "JkXIuI2OZVKyI0fFFwXuRIjoS7MESoxVCFCCyZg5QATsBRnhVGjn3QOzA347nY5DgN+Ooo"
    "jOacDtu0sbfdJJMRMkdoRNZbkXbbBY9YLTEI7RcnC5WfRszaIxBSxZfgsIJ+HCLJHFlaMY"
    "d7gSTPOYnSQYh9ZDJHelOBrhZJkWoXFKyf4RGlh9gfIDtAXomGQfak+V7HW3p6iRrtlE+0"
    "5fIAeF/JMhKLIAEPknSdAwhDUw1gIwBIyg4AbaCRuyrEg/U3gX6AQNAehQ0KDu9fv5fScC"
    "9sk+hBk06vawkfHCTbzY23jAaKA37USxFzdwHwoUpY0+tjxStM5I0RhHc8HNom5Z0kPFlm"
    "FnEYp0EeaDOkLIUU5DObTzxGBO1u2jdC0Jczh1nNKLAkQPmpy6UZSUq0aRANvAMRhD9rXa"
    "NiFSrhw1QDmKbPW1JGHUt8ufKoEwIDYe6VOZuQJL/zBi89DM6lwJz5UmOVeeCFNGaGbX52"
    "RoYMHmbpoCZpCOCmEi7cldK61zrdh8S5B1XynrmiToFvQKtL22K7egnqmQwOuMtoCRmUIS"
    "eZ3Rc2AhL/ZxpKzOy1PARpeniGpADPGcoSQli+i+CdjVRqq4xTVaUMarRcEF+JIFeIMI6b"
    "kDTg5E3NiXkO5dr7PlnMPDWV6AIh4Abv33YdQICLkw9AlaCWD5190uFd0wxbwzMUzVjuDI"
    "SNWBXpaKMaRXct2BXrxqDDQMmtAAkaTvNZN1OiVHnDKJ2wFt1XGn7avO05HWUNpQDGModw"
    "bTyWQ4mNECOwRXBCWTVt0Z/DYc/G6X7vFIn9Hd6CnQWVaMQP/x6H5kP1aVrWI2pUbPUsVY"
    "FndAMUUifytqXgsEi56bImo2RbgzrBhHY8ScnXWzE5CzPHe5jTAVP6dY55SNkb19FzK/Ms"
    "j5Yqm7UgNQ1L2I4E60N7IcphsGZXVm2asG1UnaYwutxOJAJtJXB+dlg+BcY0snSORFMUpW"
    "HXi9BoFH08/I2FB/AapoQPJpMkOvSAQxibw6MD82CMz/KCaBQtSgLkFWRFQijHHCt7kz0h"
    "P8r5wGrSBNhVLYfDYozRZzguKFbvRZ8dAU9ghc/Kq7thKPNTrPWCPHB12w/hnkK7RxK5Rf"
    "o9raa1TbWUYuJe6n3kt+mlsBiV8FWtlVoCUFVAVsixAYrIQ3l26K4AyTH6/n6buRVGNvvN"
    "bM5h85o8vsucYIKfPmYHIcGQ284CkerYsQ84OSCkczlSmJnFPOfpsqlJUXM3KS+mQ8EKwU"
    "i48K0Mpy76/LCmOQppUwlh+vscCmuFAx9Tgytsy0yNoIJQ+v5Ulyb8JwJVm6Tm9SKK62p4"
    "zA1fckgLgaH1BBkydQSBl9Gs6EyXw8TtNGAz4UTQkkt7O1zCx14Pqa4mfTN29nSlQueU28"
    "qmri9aGuSOsOQzN3W7ppujk49OHKecP29G6Kcv5C1kHiVbZs9AIkLS1wfX2dRYG8vk5WIG"
    "lbxNetaXlAdLu3E8DLTBr4ZYoGfhnXwOk9AMx4lX8+TScJItuBJALkHJEX/CorktkVVMUw"
    "vzUT1hQU6VuHZO9YJGw06DUiVNMBblkSXZVJxT/+D5x1q7U="
)
