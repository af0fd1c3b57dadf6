"""Importing contacts into a workspace: the report a user reads, de-duplication against
what is already there, progress, and nothing lost to a bad row."""

from __future__ import annotations

import io

import openpyxl
import pytest

from core.contacts import import_contacts, list_contacts, save_contact, set_contact_status
from core.errors import Invalid, NotFound
from core.permissions import Actor
from models import Contact, ContactImport
from tests import factories as f

pytestmark = pytest.mark.integration

MESSY = (
    "\ufefffirst_name;last_name;username;phone_number;telegram_id;tags;Company;\n"
    "Ann;Lee;@ann_lee;+1 (555) 010-0001;;vip, lead;Acme;\n"
    ";;;;;;;\n"
    "Bob;;bob_smith;not-a-phone;;lead;;\n"
    "Cy;;;12ab;;;Initech;\n"
    "Ann again;;ANN_LEE;;;;;\n"
    "Dee;;;;777000111;partner|lead;Globex;extra-cell\n"
    "Eve;;;0044 20 7946 0958;;;;\n"
    "Eve dup;;;+44 20 7946-0958;;;;\n"
    ";;;;;;;\n"
)


@pytest.fixture
async def me(db) -> Actor:
    return Actor((await f.user()).id)


async def test_messy_csv_gives_the_exact_report(me):
    report = await import_contacts(me, MESSY.encode("utf-8"), "leads.csv")
    assert (report.created, report.updated) == (4, 0)
    assert [(s.row, s.reason) for s in report.skipped] == [
        (5, 'Phone "12ab" is not a valid phone number.'),
        (6, "Duplicate of row 2."),
        (9, "Duplicate of row 8."),
    ]
    assert [(w.row, w.reason) for w in report.warnings] == [
        (4, 'Phone "not-a-phone" is not a valid phone number; the row was kept without it.')
    ]
    ann = await Contact.get(username_key="ann_lee")
    assert (ann.first_name, ann.phone, ann.tags, ann.custom_fields) == (
        "Ann",
        "+15550100001",
        ["vip", "lead"],
        {"Company": "Acme"},
    )
    dee = await Contact.get(telegram_id=777000111)
    assert dee.tags == ["partner", "lead"] and dee.source.value == "file_upload"
    assert await Contact.get(phone="+442079460958")
    job = await ContactImport.get(id=report.import_id)
    assert (job.status, job.created, job.updated, job.processed_rows) == ("done", 4, 0, 9)
    assert job.skipped[0] == {"row": 5, "reason": 'Phone "12ab" is not a valid phone number.'}


async def test_existing_contacts_are_updated_not_duplicated(me):
    await save_contact(me, {"username": "ann_lee", "first_name": "Old", "tags": ["old"]})
    await save_contact(me, {"telegram_id": 777000111})
    report = await import_contacts(me, MESSY.encode(), "leads.csv")
    assert (report.created, report.updated) == (2, 2)
    ann = await Contact.get(username_key="ann_lee")
    assert ann.first_name == "Ann" and ann.tags == ["old", "vip", "lead"]
    assert await Contact.filter(workspace=me.workspace_key).count() == 4


async def test_workspaces_do_not_share_contacts(me):
    other = Actor((await f.user()).id)
    await import_contacts(me, MESSY.encode(), "leads.csv")
    report = await import_contacts(other, MESSY.encode(), "leads.csv")
    assert report.created == 4
    assert (await list_contacts(me)).total == 4 and (await list_contacts(other)).total == 4
    mine = (await list_contacts(me)).items[0]
    with pytest.raises(NotFound):
        await set_contact_status(other, mine.id, "blocked")


async def test_xlsx_with_numeric_ids_and_phones(me):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["telegram_id", "phone_number", "first_name", "City"])
    sheet.append([123456789, 4915112345678, "Ida", "Berlin"])
    sheet.append([None, None, "Nobody", "Paris"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = await import_contacts(me, buffer.getvalue(), "leads.xlsx")
    assert report.created == 1
    assert [(s.row, s.reason) for s in report.skipped] == [
        (3, "The row has no Telegram id, username or phone.")
    ]
    ida = await Contact.get(telegram_id=123456789)
    assert (ida.phone, ida.custom_fields) == ("+4915112345678", {"City": "Berlin"})


async def test_a_broken_file_is_refused_before_anything_is_saved(me):
    with pytest.raises(Invalid):
        await import_contacts(me, b"\x00\x01garbage", "leads.csv")
    with pytest.raises(Invalid):
        await import_contacts(me, b"name,city\nAnn,Paris\n", "leads.csv")
    assert await Contact.all().count() == 0


async def test_progress_is_reported_batch_by_batch(me):
    lines = ["telegram_id,first_name"] + [f"{1000 + i},P{i}" for i in range(250)]
    seen: list[int] = []

    async def progress(job: ContactImport) -> None:
        seen.append(job.processed_rows)

    report = await import_contacts(
        me, "\n".join(lines).encode(), "big.csv", progress=progress, batch_size=100
    )
    assert report.created == 250
    assert seen == [100, 200, 250]  # data rows read so far
    assert len(set(report.contact_ids)) == 250


async def test_single_contact_validation(me):
    for bad, message in [
        ({}, "needs a Telegram id"),
        ({"phone_number": "abc"}, "not a valid phone"),
        ({"username": "a b"}, "not a valid Telegram username"),
        ({"telegram_id": -5}, "not a Telegram user id"),
        ({"telegram_id": 5, "tags": "vip"}, "tags must be a list"),
        ("ann", "must be an object"),
    ]:
        with pytest.raises(Invalid, match=message):
            await save_contact(me, bad)
    contact, created = await save_contact(me, {"telegram_id": 5, "first_name": "Five"})
    again, created_again = await save_contact(me, {"telegram_id": 5, "last_name": "Fiver"})
    assert created and not created_again and again.id == contact.id
    assert (again.first_name, again.last_name) == ("Five", "Fiver")


async def test_list_contacts_search_and_tag(me):
    await import_contacts(me, MESSY.encode(), "leads.csv")
    assert {c.first_name for c in (await list_contacts(me, tag="lead")).items} == {
        "Ann",
        "Bob",
        "Dee",
    }
    assert [c.first_name for c in (await list_contacts(me, q="ann")).items] == ["Ann"]
    assert [c.first_name for c in (await list_contacts(me, q="bob_s")).items] == ["Bob"]
