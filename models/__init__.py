"""Herald's tables as Tortoise ORM models: the data, nothing else."""

from models.accounts import AccountCommand, AccountLease, ResolvedPeer, TelegramAccount
from models.auth import ApiToken, SignInToken
from models.campaigns import (
    Campaign,
    CampaignMute,
    CampaignStatistics,
    Execution,
    ExecutionLog,
    Message,
)
from models.contacts import Contact, ContactImport
from models.enums import (
    AccountStatus,
    CampaignStatus,
    ContactSource,
    ContactStatus,
    ExecutionStatus,
    MessageDirection,
    MessageStatus,
    ResponseHandling,
    Role,
    StartType,
)
from models.people import Invitation, Membership, Organization, User

__all__ = [
    "AccountCommand",
    "AccountLease",
    "AccountStatus",
    "ApiToken",
    "Campaign",
    "CampaignMute",
    "CampaignStatistics",
    "CampaignStatus",
    "Contact",
    "ContactImport",
    "ContactSource",
    "ContactStatus",
    "Execution",
    "ExecutionLog",
    "ExecutionStatus",
    "Invitation",
    "Membership",
    "Message",
    "MessageDirection",
    "MessageStatus",
    "Organization",
    "ResolvedPeer",
    "ResponseHandling",
    "Role",
    "SignInToken",
    "StartType",
    "TelegramAccount",
    "User",
]
