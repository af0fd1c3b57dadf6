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
CREATE INDEX "idx_execution_l_executi_6c541b" ON "execution_logs" ("execution_id", "executed_at");
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
CREATE INDEX "idx_messages_campaig_a1cf10" ON "messages" ("campaign_id", "direction", "status", "variant");
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
    "eJztXVtv2zgW/iuCX6YDeIrEadpusFjAcdwZ7zh2kDgzi20KgZZoW2uZ1OoS17Pof1+Slm"
    "RdKEVSZF0cPjRNRB7a+g4v587/dTZYhbr1vq8o2EH2AG82AKmdK+l/HQQ2kPyS0KMrdYBh"
    "HNrpAxvMdUYC9n1lZd+ZNYK5ZZtAsUn7AugWJI9UaCmmZtgaRpTqT2yupQU2JYAkd4SfLM"
    "l0EILkmbWGKmud7yR7BaU5tiXyF/3VAAjq0rsVBLq9kpQVVNZd+pEqVshnamhZ+uhPyIaW"
    "LVkQqV06IDagCWxs0hGhoe9+vmKk7uh4iyz2N0b6TtK1ZygpugaR/Z5+Swdp/3WgbOMlJH"
    "1M8l2/fiOPNaTC79Cif371AKXdLRvYjtX5RvsYa3mhQT3ML40xhz2X7Z3Bnl1ryxGyv7C+"
    "FJg5YY3ubNChv7GzVxj5BNr+w5YQ0ReD9BNs06FMQ46uu3z2+Lh/g0OX/VcP0KhwARydsp"
    "5SxzjvPQywy32kYERnDfk2FnvHJf2UX/7W611cfOqdXXz8fPnh06fLz2efSV/2leJNn37s"
    "X/gAyH4oBsvo19FkRl8Uk6m5n7v0wQ9GA2ywp2JMOAC81hAH4sEKmHyAvf4RiMmLRSH2AE"
    "3D2HtwAPmwnEpCeQO+yzpES3tF/rzopQD4R/9+8Fv//t1F7+cwihO3pceaKJ4H/Ayw0zHg"
    "QPjPh+mED2GAJILiIyJv91XVFLtLVpZlfzsWpp2/LxykUCyluaPptoas9/Rj/9EpjnQKsh"
    "QLOvLGsv6rBxF9d9v/VxTswXh6zbDBlr002ShsgOsI8u7ekWPuHiiqm70dg2yrFLaypvD5"
    "xwxT+Pxj4hSmTWEgCcb0u+aYwQeKEiawu61WuCdUPVMVE9LXlwEH5BvSYmsbyAc6TBkBW3"
    "VJ33u/NHQHJu+gTomw4PI6Bf3Z6Hb4MOvf3oVYcNOfDWlLjz3dRZ6+i051fxDpz9HsN4n+"
    "Kf17OhlGOeX3m/27Q78TcGwsI7yVgRo47b2nHjAhxqoYwQJcDZCVwNJGrZ8mcdB77VQWet"
    "I9T9BMlDLDRC9Lmw1ZiHuBs3f+4dOHzxcfP/hypv8kTbz0RMn4tjbf5UMvRlcIwOqnfRn4"
    "UUVnseZK4gG1KAzkF2xCbYl+hzuG54h8KYAUyEHO1W5nUIdLE2z6hxGbNxt/eNPCe3rgqQ"
    "m2vioYWWvkZckrQnsv6fUfBv2bYSdhVpaA5KMFs0iGtW3BL6IXW2shAB+GM2nyOB532Lyc"
    "A2W9BaYqhyYobcE9HHni9403bXqb6BOAwJLBQF+GfvWwGWYMgQU7yWaafXs3i5FGp12zmm"
    "hWmrKStthcQ1NaYfKFXbsGDJo1JLwIWFm6Evmh6dJ2BdH7uFmmjBGzmFDgd0MjhyAVIpJt"
    "J4052iqypLzyYEu2keAt2m8DWRVNn6CdVpLz3ucsOmbvc7KSSdvC0kJgyuYUl8OU7VSCTk"
    "lkXkFg2nNyrhTgZZRWcLMObsak0DzHfwaJdYrgDJMf1cmrxz5iypRWS5SfDG2G1xBxZSev"
    "LV1uMjQiaZBu2WSmZLxellpy+XhOyMFzNLGE/Z9DKvH6V2j8Ls/qfXaWRSQ5O0sWSWhbWC"
    "RhE19eAWuVB8YwVTlgHn0qhsD8+CEDlh8/JEJJmyJeMBMutO95UDxQtFRGLt0NI7wEJ+ol"
    "0IFly45ViLVRWuEvqFn5MeEz2f+LsDJMKRhZMyPJojLzmcYCFG/J5ZPisnAsnl3sWFb2Bj"
    "spAlMjg85XmX19ADYGIKzocPRDv62bph8qbq/jq4dfyT6wBEj7C7DBulFPjhcq2JXiPYNt"
    "hyAfS1lB1dHJCOSZaacby4USeqpKaJlSfy+TGtpLUUN7cTU0+M1iSM7g94RJGCFrh1afJk"
    "EM/zULCQ+x0CtfgBhPJ7963aPxWBEVn4hSf2GUa4oGaSpE9XE2KM1cUr6Gv99CGQ5cKIfI"
    "2cSO+2j0ZWCECoHVNhuoamTUOLyd0e3t8GZE5NErye/2hB4Gvw1vHsfDmyvJP0Sizt56jA"
    "ScMy3GjnQ1hD+CUEdqVkcWOmmIsTI5BNfrLyLIi8flgrn8DEwN0I/PAX2ETHCgOAdIk0G+"
    "AZRXAKm6GyZf5HDhDlThGWPZ2OAcLw+z6R05Q0jjExpMJ7PR5JGcNAR0wi0HNuRIgUiVt+"
    "Tt8m1AEbIGrAJXsfVV1vfwGZo7WQU793u2aWWkZbdkkrWqz3RRTbCwOYvg5r7/ZXYlsWa+"
    "bPWE+oPZ6A+yNABh5TORwO76jw+0iwGo8Zsuntu78XBGHyl4Y1D7Cn3anwyGYzaWQnHQGy"
    "OnQUSh5CUvYqxDgBIinQ5UEb7NCdmxGOdbHMpeGNfT6Ti0MK5HUZXt8fZ6SKBlyJJO2t5s"
    "xok1p5u74tDJIS+Apjsm5CyO5JDzBPLq7LhnxREuO24fmiY25Q20LLDkaHPJFocYYaHNpV"
    "l6wjGMDsKTe6KeXMdQCzI2TCkYWytj3S8fPF1ckaLIko3QCktKzZaUvfetCCvDlIKRNTOy"
    "3vzClnrrgwAG3aT5IORQvqEkzZADyY1NlwtlUyVQvyEsU6JHol78V0aRTCPDNQ7OrMEknM"
    "XXzLTXBgfkpOe9chGMrtUScMyf2NLcWZmwleXOJw5mBDKTDEYcS861S/vl93uog4QYBxfl"
    "oTdOu6bsj1yRX2HLsGbZmpICm5eA9TJ4XhjYQ2jU1szSHwUj4m4dNmMTo+JYezdLZJy8IV"
    "0zZpz3JRooKG1X2C3Sh7At2ViaQ/qbRt5BlcAcO7YEJG98twqfBq14vnkJ43EC877678Y6"
    "0LPgm8jlKkOsTA6jEybDk7AscZRYb5vIp8KGqd6qAiti9F+vZQX38leKs8GQ8ebhmFk1CK"
    "+tlxUDkeXQjiyHgAibItmFBd0M8l1Y3n5ZyJutIBG2aGiDtK+TSev9EOlK5owovXu4Gw6k"
    "J+fsDHz6/HNcwnvtYK9Iy2/QydV26Y42xDFMjq3y+tcVVHU0H8RxyqvijeEUd945bZeeWy"
    "ItJ/p8SqpGkyzo5CxH8xoxpyl1aDIJOSUewRjZ+0Mxfu66TemH7b7TEbIMv3ZoOT7LAHuO"
    "+1ZMggtLFwy1UgGHfn15DXecZmNFs4KitpBIp4A+Lq41qO1agxBLsiZ+hZndzgTFLIlfve"
    "TEr14s8Su4YnLN2Qhhu3yelUzfsIqZN5M2SNOSQMxjJymG9u8CUHp0Ak7Wtj/vcuDoE7QS"
    "wF623O6U1O4ogAvNtGw578IOU7Ujr7uCArKsFFJeLENEAkofSrR0uMH/aUgeaFq5vMtP8r"
    "HBMlfiqNe/AblyfsYo/cA25cUpjmVjXy/NAX6MsElcaFvebguzE/eZhXGMO9HUw+vxdPA7"
    "TSmc61hZs+REghfpQh4BU1mRTg1JMrSwYyZpuBm44FNXyIUNQA7QOVy47U8e++Mrad/hCX"
    "0ZjYfy49142iewLzQdyo5Bb82jSZ+3d/3Rr5MrP6SFcOhuRJhjaM3giwjmONFgDpH/dRKM"
    "jed/iUwTkWnSsLgdkR0hsiNqzo6oKZxn7wscbQxspnkU3Q7dDH5FWWN9MwbwTBFkEqe0p7"
    "qSNNuSDBPT88aStivWZNP70C0JIJU1m3j7y3z3C/mPRlcTKgksbGjGA3rKHlzcu1F5NI/w"
    "LZblW6QLIb91/EDTUhwvL7MAeXmZjCRta+Vt6GRfQ82+Dd3GNtBlstfmqS8UJnqTVYXIGa"
    "aQI4xIFTmxixO+SfxcmSy/9vlmEXNtKjkQC1C8ScSstWYYPMRSyjweSJrkMGmb24qVTovj"
    "/kKttfY4rdNsgaLEmrDEZjaxLzSkWatCnI2QivpNon5TxcvyyJmcwojZGiPmoSYJx4AZKl"
    "iSbLwM10fJZrfUycHwkyVtgb6W7JWJneVKwggGqz/QmwP4dsk8xC/WjXBNr5x0iXABmYMZ"
    "AhFhSPZfmiVQ0BSM4KDeRU8isaKuxIpCZdDebPWzlsdMGRCpXGtd5244uRlNfr2S3C5P6P"
    "5xMmFPXBPfE/qzP5qxJ1ug2exJtqru98OHu+nkhj7dX+ug0qdf+iNW6J2W72527XfFMU1I"
    "ZjsiWzp3nSTbZDmkrYy1LT8XIX445NQOuAMIHaFuHYFICYQxeSxSAZImWaTaFsJLtukcJ7"
    "jb+01aTd3LnvLs4wGSVu7f5R+KRLewoIy3iFdLJyXrJEzWTjCPksLDgIHfDY2s8SIXy3Po"
    "xWlY82nIbmQsZPsMUwpG1szIfYXNIowMUwpG1i6fiptBToaZ4uIr4ZUVXlmR+PRmGRtLfB"
    "J3JTWfjdnklOYU62yfZ8bPEsnpPAzTtQy9CvyIabEMoir1K6tSK4e6iq8F8DBSi/ELrcW8"
    "oSCBEI29kP/KK2luD6pCU4+9V95HUzQeZoyXnbSQGNrezRQVI+t4eYSCobFwleBWtf9wt7"
    "pnNDhlTci4nWAw3ifUKuJY6opjKeCcF075mFOeIsJAyAujR9RKIC96GYC86CUCSZvCQHpb"
    "R1YMvf7tTIAsH7+WZD/idacsDMv30LqSj8yPx0g2jkbpRMIKzzRacQJQs6wpRwE0IEfFYE"
    "23XUVIhVGyYdZmYcxqpzHrrVRrP6igeUGOUgqYhcmwOpNhyA7xSgjzXLrcHBtXFMLoemym"
    "2bW5+KVYXbPcBX5Mi+MIPWs2SErBC7R206yNmt/v+KbGXMbAE7IEHq1Ql43XkLPXJRsFfI"
    "JydNij43dk856J9cLVpT3ami1Unemfk+H9lcQiyJ9Q/+Z2NLmSgLrR0BO6Hd5e08YN3Mz3"
    "8eX1W2FECNWJKrXFQ/VLD9KvT6ZtOiMzxdrQ3NUikXCWCJdqCgtN+EyO+mLx+UFKwci649"
    "5EjZm2V24/ARDZ1p53CoaJ2mUJPM2i9w229Ymq95UVjOIs7Orga66pL7xdNcrUd8v0d2ul"
    "GR2OqS/Q2k0z9W38fke5hjy6tdE7Z2PFsYQJsNBJnGwCFCYsDubChCVMWEVMWEJXKEdXMH"
    "MrCuYbBE2oCRWpCY7Fq8nzBhWEwEJrUi1ZL5mIK9v6eUZpgu0hpalsqTYUUhJIkAC2DTcG"
    "r/prMIxH1UyoeNSHiGyvehZLnolUi6XVEUXmjKgA25ZTLJRtH5zuRTSS0AC1qyWPs+vp4+"
    "SGaCaO/YRGE/cvDRVRQ7KUSEsukBYrj9a+Yrt8kB+8OruWV2eXPJmxPwnmN8Px6I/hPa2B"
    "S3Z97RmavEq598PBcH99OZk9sDnXl5sAqXiTO4Y2RFbKTnJK+3Yg+onIL0sTbLy6RbmBTh"
    "igXZt3xaCLWqElbAwiN7eE4D1PAs8hox0o3mSd37yJjyLhUSQ8iuJ6wqz+WrO6Z9PIydUA"
    "mQhDqzkMzde+ilXSC9EKZtYdU1hb+nH7TVwi+1hkH7cX5hSXo8id7b4+d7aWDO7mItiKmo"
    "8Nhu9VJR+P6bENBRRw3LbRgINk323QoS8ykFsXfsj+jyGXYsZ0+7ezrlvv7CyDFZP0SjRj"
    "sraI0zTwzWJIJluTImTCRsczKbEgUvlZg1sZIvrSPIESYx0ClGAy5g4QAXtORjgW2nn3wO"
    "yAX0+n4xDg16Mooo809vbdOUOfdNLsBIkdYVtb7GQGFq+wcBrCMVoBrjCLnqxZNKaAJctv"
    "AeEkXKMlsrhyVO0OF4VpHrOTBOPQeoiksRRHI5w30yI0jinZ30ML689QvYNMgI5J9qH2VM"
    "nedHvKBumaTbTv9CVyUKg/WZKmSgCRf4oCLUtaAWslAUvCCEpuoJ20JsuK9LOld4FO0JKA"
    "CSUDml6/n993ImAf7UO48aNuD4aMF27iheHGY0cDvWknir28hrtQoCht9LEVkaJ1RorGOJ"
    "oLbh51y/IfKrYM7xehTBdhPqgjhALlNJRDO08M5mTdPkrXkjCHY8cpPWtA9qDJqRtFSYVq"
    "FAmwDRyDMWRfKnMTIhXKUQOUo8hWX0sSRn27/LFyCQNi4yt9KjNXYOkfRmwemlmdK+G50i"
    "TnygNhygjNWKlOjgYWbO6mKWAW6agRJtKewrXSOtcK41uCrPtChdckQbegV6DtZV6FBfVE"
    "hQRRcrQFjMwUkihKjp4CC0Xdj1fK6qJSBWx0pYqoBsQRzzlKUrKI7puAXW2kiuteo7Vl3F"
    "zwfG4EIcC/LMBbREjPHXByIBLGvoR073qdLaccHs7zAhTxAAjrvw+jQUDIhaFP0EoAy7/5"
    "dqGZli3nnYlhqnYER0aqDvSyVIwhvZLrDvTiVWOgZdGEBogUc2fYvNMpOeKUS9wOaKuOO2"
    "1fdZ6OsoLKmmIYQ7kzmE4mw8GMFtghuCKo2LTqzuC34eB3VrrHI31CN6OHQGdVswL9x6Pb"
    "EXusaxvNbkqNnoWOsSpvgWbLRP7W9LwWCB69MEXUbIpwZ1gxjsaIBTvrZicgZ3nuchthKn"
    "FO8c4phhHbvguZXznkYrHUXakBaPpORnArs40sh+mGQ1mdWfaiQXWSdthBS7k4kIn01cF5"
    "3iA4V9gxCRJ5UYySVQder0Hg0fQzMjY0n4EuW5B8msrRKxJBTCKvDsyPDQLzP5pNoJANaC"
    "qQFxGVCGOc8G3ujPQE/yunQStIU6EU9jgblGaLOULxQjf6rHhoCn8EIX7VXVtJxBqdZqzR"
    "3gddsP4ZFCu0cStU3Kja2htV21lGLiXup977fppbAUncClrZraAlBVQFbIsQWLyEN5duiu"
    "AMkx8v5+m7kVRjb7zWzOYfOaPL2FzjhJR5czA5jowGXogUj9ZFiPlBSYWjmcqURE4pZ79N"
    "FcrKixk5Sn0yEQhWisVHB2jpuFfZZYUxSNNKGMuP15hjW57rmHocOVtmWmRthFKE14okuT"
    "dhuFIc06Q3KRRX21NGEOp7EkBCjQ+ooMkTKKSMPgxn0uRxPE7TRgM+FEMLJLfztcwsdeD6"
    "huZn0zdvZ0pULkVNvKpq4vWhqSmrDkczd1u6abo5OPQRynnD9vRuinL+TNZB4lW2fPQCJC"
    "0tcH15mUWBvLxMViBpW8TXbRh5QHS7txPA80wa+HmKBn4e18DpPQDceJV/PkwnCSLbgSQC"
    "5CMiL/hV1RS7K+maZX9rJqwpKNK3DsnesUjYaNBrRKimA1zzJLoqk4p//B9EOa5Y"
)
