"""Preview and Test send (SPEC §3): a flow's messages rendered for one contact without
sending, and a test send recorded for the account's runner, which owns the only live client
and sends it to the account's own Saved Messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.campaigns import load_campaign
from core.contacts import get_contact
from core.errors import Invalid
from core.flows import parse_flow
from core.permissions import Action, Actor
from core.templates import TemplateError, contact_context, render
from core.variants import assign_variant
from models import AccountCommand, Campaign, Contact, Execution, TelegramAccount

TEST_SEND = "test_send"


@dataclass
class PreviewMessage:
    node_id: str
    text: str
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"node_id": self.node_id, "text": self.text, "error": self.error}


@dataclass
class Preview:
    contact_id: int
    variant: str | None
    messages: list[PreviewMessage]

    def as_dict(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "variant": self.variant,
            "messages": [m.as_dict() for m in self.messages],
        }


def _campaign_contact_id(value: Any) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise Invalid("contact_id must be a contact id.") from None
    if not 0 < number < 2**63:
        raise Invalid("contact_id must be a contact id.")
    return number


async def _contact_for(actor: Actor, campaign: Campaign, contact_id: Any) -> Contact:
    """A contact of the campaign's workspace; the first of the campaign when none is given."""
    if contact_id in (None, ""):
        execution = (
            await Execution.filter(campaign_id=campaign.id, deleted_at=None).order_by("id").first()
        )
        if execution is None:
            raise Invalid("Choose a contact: the campaign has none yet.")
        contact_id = execution.contact_id  # type: ignore[attr-defined]
    return await get_contact(actor, _campaign_contact_id(contact_id))


def _render_messages(campaign: Campaign, contact: Contact, variant: str | None, seed: str):
    flow = parse_flow(campaign.flow, list(campaign.ab_variants))
    context = contact_context(
        contact.first_name,
        contact.last_name,
        contact.username,
        contact.phone,
        contact.language,
        contact.tags,
        contact.custom_fields,
        variant,
    )
    out = []
    for node in flow.message_nodes():
        text = node.text_for(variant)
        try:
            out.append(PreviewMessage(node.id, render(text, context, f"{seed}:{node.id}")))
        except TemplateError as exc:
            out.append(PreviewMessage(node.id, "", exc.message))
    return out


async def _variant_and_seed(campaign: Campaign, contact: Contact) -> tuple[str | None, str]:
    execution = await Execution.get_or_none(campaign_id=campaign.id, contact_id=contact.id)
    if execution is not None:
        return execution.variant, str(execution.id)
    return assign_variant(campaign.id, contact.id, campaign.ab_variants or {}), f"p{contact.id}"


async def preview(actor: Actor, campaign_id: int, contact_id: Any = None) -> Preview:
    """The flow's messages as `contact` would receive them (variant, templates, spin)."""
    campaign = await load_campaign(actor, campaign_id, Action.VIEW)
    if not campaign.flow:
        raise Invalid("The campaign has no flow yet.")
    contact = await _contact_for(actor, campaign, contact_id)
    variant, seed = await _variant_and_seed(campaign, contact)
    return Preview(contact.id, variant, _render_messages(campaign, contact, variant, seed))


async def record_test_send(
    actor: Actor, campaign_id: int, contact_id: Any = None, node_id: Any = None
) -> AccountCommand:
    """Queue the first message (or `node_id`'s) rendered for the contact, to be sent by the
    account's runner to the account's own Saved Messages. Test send uses the campaign's
    account, so it takes the same right as editing the campaign."""
    campaign = await load_campaign(actor, campaign_id, Action.EDIT)
    if campaign.deleted_at is not None:
        from core.errors import Conflict

        raise Conflict("The campaign is deleted; restore it first.")
    if not campaign.flow:
        raise Invalid("The campaign has no flow yet.")
    account_id = campaign.telegram_account_id  # type: ignore[attr-defined]
    account = (
        await TelegramAccount.get_or_none(id=account_id, deleted_at=None) if account_id else None
    )
    if account is None:
        raise Invalid("Choose a Telegram account for the campaign first.", code="no_account")
    contact = await _contact_for(actor, campaign, contact_id)
    variant, seed = await _variant_and_seed(campaign, contact)
    messages = _render_messages(campaign, contact, variant, seed)
    if not messages:
        raise Invalid("The flow has no message to send.")
    if node_id not in (None, ""):
        chosen = [m for m in messages if m.node_id == node_id]
        if not chosen:
            raise Invalid(f'The flow has no message node "{str(node_id)[:40]}".')
        message = chosen[0]
    else:
        message = messages[0]
    if message.error:
        raise Invalid(message.error)
    return await AccountCommand.create(
        account=account,
        kind=TEST_SEND,
        payload={
            "campaign_id": campaign.id,
            "contact_id": contact.id,
            "node_id": message.node_id,
            "variant": variant,
            "text": message.text,
            "to": "self",
        },
        created_by_id=actor.user_id,
    )
