"""The closed vocabularies of the schema (stored as short strings)."""

from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"


class CampaignStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class StartType(StrEnum):
    IMMEDIATE = "immediate"
    SCHEDULED = "scheduled"


class ResponseHandling(StrEnum):
    STOP = "stop"
    CONTINUE = "continue"


class ExecutionStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    WAITING = "waiting"
    PAUSED = "paused"
    COMPLETED = "completed"
    RESPONDED = "responded"
    FAILED = "failed"
    CANCELLED = "cancelled"


UNFINISHED = (
    ExecutionStatus.PENDING,
    ExecutionStatus.RUNNING,
    ExecutionStatus.WAITING,
    ExecutionStatus.PAUSED,
)


class MessageDirection(StrEnum):
    OUTBOUND = "out"
    INBOUND = "in"


class MessageStatus(StrEnum):
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    RECEIVED = "received"


class ContactStatus(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"
    ARCHIVED = "archived"


class ContactSource(StrEnum):
    MANUAL = "manual"
    FILE_UPLOAD = "file_upload"
    CAMPAIGN = "campaign"
    API = "api"


class AccountStatus(StrEnum):
    CONNECTED = "connected"
    CHECKING = "checking"
    DISCONNECTED = "disconnected"
    LIMITED = "limited"
