"""Contact files (SPEC §4): what a user uploading a messy CSV or XLSX gets back, row by row."""

from __future__ import annotations

import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.contact_file import (
    ContactRecord,
    ParsedContacts,
    SkippedRow,
    contact_keys,
    iter_contact_batches,
    normalise_phone,
    normalise_telegram_id,
    normalise_username,
    parse_contacts,
)
from core.errors import Invalid

# -- the messy file, as a table: the CSV and XLSX tests both build from it ----------------

HEADER = [
    "Telegram ID",
    "Username",
    "Phone",
    "first name",
    "Last_Name",
    "LANG",
    "Tags",
    "Company",
    " City ",
]
ROWS: list[list[object]] = [
    # row 2: the original
    ["1001", "@John_Doe", "+7 (916) 123-45-67", "John", "Doe", "EN", "vip, lead|VIP", "ACME", ""],
    # row 3: same Telegram id
    ["1001", "other_user", "", "Dup", "", "", "", "", ""],
    # row 4: same username, other case, with '@'
    ["", "@JOHN_DOE", "", "Johnny", "", "", "", "", ""],
    # row 5: same phone written differently
    ["", "", "00 7 916 123.45.67", "", "", "", "", "", ""],
    # row 6: blank
    ["", "", "", "", "", "", "", "", ""],
    # row 7: bad phone beside a good id: kept without the phone
    ["1002", "", "12ab", "Ann", "", "", "", "", ""],
    # row 8: only a bad username
    ["", "ab", "", "Bob", "", "", "", "", ""],
    # row 9: only a bad phone
    ["", "", "12ab", "", "", "", "", "", ""],
    # row 10: t.me link, tags with mixed separators
    [
        "",
        "https://t.me/Mary_Smith",
        "+44 20 7946 0958",
        "Mary",
        "",
        "ru",
        "a; b | A ,",
        "",
        "London",
    ],
    # row 11: no identifier at all
    ["", "", "", "Nobody", "", "", "", "Corp", ""],
    # row 12: more cells than the header
    ["1003", "", "", "Extra", "", "", "", "X", "Y", "overflow1", "overflow2"],
    # row 13: blank
    [],
    # row 14: two bad identifiers
    ["", "bad name", "123", "", "", "", "", "", ""],
    # row 15: a group id (negative) beside a good phone
    ["-5", "", "+1 202 555 0100", "", "", "", "", "", ""],
    # rows 16-17: trailing blank rows, not counted
    ["", "", "", "", "", "", "", "", ""],
    [],
]

EXPECTED_RECORDS = [
    ContactRecord(
        row=2,
        telegram_id=1001,
        username="John_Doe",
        phone="+79161234567",
        first_name="John",
        last_name="Doe",
        language="en",
        tags=("vip", "lead"),
        fields={"Company": "ACME"},
    ),
    ContactRecord(
        row=7,
        telegram_id=1002,
        username=None,
        phone=None,
        first_name="Ann",
        last_name=None,
        language=None,
        tags=(),
        fields={},
    ),
    ContactRecord(
        row=10,
        telegram_id=None,
        username="Mary_Smith",
        phone="+442079460958",
        first_name="Mary",
        last_name=None,
        language="ru",
        tags=("a", "b"),
        fields={"City": "London"},
    ),
    ContactRecord(
        row=12,
        telegram_id=1003,
        username=None,
        phone=None,
        first_name="Extra",
        last_name=None,
        language=None,
        tags=(),
        fields={"Company": "X", "City": "Y"},
    ),
    ContactRecord(
        row=15,
        telegram_id=None,
        username=None,
        phone="+12025550100",
        first_name=None,
        last_name=None,
        language=None,
        tags=(),
        fields={},
    ),
]
EXPECTED_SKIPPED = [
    SkippedRow(3, "Duplicate of row 2."),
    SkippedRow(4, "Duplicate of row 2."),
    SkippedRow(5, "Duplicate of row 2."),
    SkippedRow(8, 'Username "ab" is not a valid Telegram username.'),
    SkippedRow(9, 'Phone "12ab" is not a valid phone number.'),
    SkippedRow(11, "The row has no Telegram id, username or phone."),
    SkippedRow(
        14,
        'Username "bad name" is not a valid Telegram username; '
        'phone "123" is not a valid phone number.',
    ),
]
EXPECTED_WARNINGS = [
    SkippedRow(7, 'Phone "12ab" is not a valid phone number; the row was kept without it.'),
    SkippedRow(
        15, 'Telegram id "-5" is not a valid Telegram user id; the row was kept without it.'
    ),
]
EXPECTED_COLUMNS = [
    "telegram_id",
    "username",
    "phone_number",
    "first_name",
    "last_name",
    "language",
    "tags",
    "Company",
    "City",
]


def csv_bytes(
    rows: list[list[object]],
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    def quoted(value: object) -> str:
        text = str(value)
        if any(ch in text for ch in (delimiter, '"', "\n", "\r")):
            return '"' + text.replace('"', '""') + '"'
        return text

    text = "\r\n".join(delimiter.join(quoted(cell) for cell in row) for row in rows) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        # Empty strings would become empty-string cells; a user's blank cell is None.
        sheet.append([None if cell == "" else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def assert_messy_result(parsed: ParsedContacts) -> None:
    assert parsed.records == EXPECTED_RECORDS
    assert parsed.skipped == EXPECTED_SKIPPED
    assert parsed.warnings == EXPECTED_WARNINGS
    assert parsed.empty_rows == 2
    assert parsed.columns == EXPECTED_COLUMNS


def test_messy_csv_with_bom_and_semicolons() -> None:
    parsed = parse_contacts(csv_bytes([HEADER, *ROWS], delimiter=";", bom=True), "list.csv")

    assert_messy_result(parsed)
    assert parsed.encoding == "utf-8-sig"


def test_messy_xlsx_with_numbers_for_ids_and_phones() -> None:
    rows = [list(row) for row in ROWS]
    rows[0][0] = 1001  # an id typed into Excel is a number
    rows[1][0] = 1001.0  # and sometimes a float
    rows[3][2] = 79161234567.0  # a phone without '+' stored as a number
    rows[13][0] = -5

    parsed = parse_contacts(xlsx_bytes([HEADER, *rows]), "list.xlsx")

    assert_messy_result(parsed)
    assert parsed.encoding is None


def test_xlsx_cells_of_other_types_become_text_fields() -> None:
    from datetime import datetime

    data = xlsx_bytes(
        [
            ["username", "joined", "score", "active"],
            ["john_doe", datetime(2024, 5, 1, 12, 30), 4.5, True],
        ]
    )

    (record,) = parse_contacts(data, "x.xlsx").records

    assert record.fields == {"joined": "2024-05-01T12:30:00", "score": "4.5", "active": "TRUE"}


def test_tab_delimited_with_commas_inside_cells() -> None:
    data = b"username\ttags\tnote\njohn_doe\tvip,lead\thello, world\n"

    parsed = parse_contacts(data, "export.tsv")

    assert parsed.records == [
        ContactRecord(
            row=2,
            telegram_id=None,
            username="john_doe",
            phone=None,
            first_name=None,
            last_name=None,
            language=None,
            tags=("vip", "lead"),
            fields={"note": "hello, world"},
        )
    ]
    assert parsed.encoding == "utf-8"


def test_comma_delimited_with_quoted_semicolons() -> None:
    data = b'phone_number,tags,first_name\n+79161234567,"a;b;c",Ivan\n'

    (record,) = parse_contacts(data, "list.csv").records

    assert record.tags == ("a", "b", "c")
    assert record.first_name == "Ivan"


def test_cp1251_file_is_read_and_says_so() -> None:
    data = "username;first_name;Город\nivan_petrov;Иван;Москва\n".encode("cp1251")

    parsed = parse_contacts(data, "contacts.csv")

    assert parsed.encoding == "cp1251"
    assert parsed.columns == ["username", "first_name", "Город"]
    (record,) = parsed.records
    assert (record.username, record.first_name, record.fields) == (
        "ivan_petrov",
        "Иван",
        {"Город": "Москва"},
    )


def test_utf16_unicode_text_from_excel() -> None:
    data = "username\tfirst_name\r\nivan_petrov\tИван\r\n".encode("utf-16")

    parsed = parse_contacts(data, "contacts.txt")

    assert parsed.encoding == "utf-16"
    assert [(r.username, r.first_name) for r in parsed.records] == [("ivan_petrov", "Иван")]


def test_header_not_on_first_line_keeps_spreadsheet_row_numbers() -> None:
    data = b"\n\nusername\n\njohn_doe\nab\n"

    parsed = parse_contacts(data, "x.csv")

    assert [r.row for r in parsed.records] == [5]
    assert parsed.skipped == [SkippedRow(6, 'Username "ab" is not a valid Telegram username.')]
    assert parsed.empty_rows == 1


def test_fewer_cells_than_header_and_unnamed_columns() -> None:
    data = b"username,,phone\njohn_doe,ignored\n,,+79161234567,more\n"

    parsed = parse_contacts(data, "x.csv")

    assert parsed.columns == ["username", "phone_number"]
    assert [(r.row, r.username, r.phone, r.fields) for r in parsed.records] == [
        (2, "john_doe", None, {}),
        (3, None, "+79161234567", {}),
    ]


def test_duplicate_custom_header_keeps_first_non_empty_value() -> None:
    data = b"username,note,note\njohn_doe,,second\nmary_smith,first,second\n"

    parsed = parse_contacts(data, "x.csv")

    assert parsed.columns == ["username", "note"]
    assert [r.fields for r in parsed.records] == [{"note": "second"}, {"note": "first"}]


def test_duplicate_is_found_by_any_key_of_an_earlier_kept_row() -> None:
    data = (
        b"telegram_id,username,phone\n"
        b"1,,+79161234567\n"
        b"2,,79161234567\n"  # a new id but the phone of row 2
        b",nobody_here,+1 (202) 555-0100\n"
        b"3,NOBODY_HERE,\n"
    )

    parsed = parse_contacts(data, "x.csv")

    assert [r.row for r in parsed.records] == [2, 4]
    assert parsed.skipped == [
        SkippedRow(3, "Duplicate of row 2."),
        SkippedRow(5, "Duplicate of row 4."),
    ]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "x.csv", "The file is empty."),
        (b"\n\n ; ;\n", "x.csv", "The file has no header row."),
        (
            b"name,email\nJohn,j@example.com\n",
            "x.csv",
            "The header row has no telegram_id, username or phone_number column; "
            "the first row of the file must name the columns.",
        ),
        (
            b"john_doe,+79161234567\n",
            "x.csv",
            "The header row has no telegram_id, username or phone_number column; "
            "the first row of the file must name the columns.",
        ),
        (
            b"phone,Phone Number\n1,2\n",
            "x.csv",
            'The header has two phone_number columns: "phone" and "Phone Number".',
        ),
        (b"%PDF-1.4", "list.pdf", '"list.pdf" is not a CSV or XLSX file; save it as one of those.'),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "list.xls",
            "Old Excel .xls files are not supported; save the sheet as XLSX or CSV.",
        ),
        (b"username\njohn_doe\n", "list.xlsx", "The file is not a valid XLSX workbook."),
        (b"PK\x03\x04garbage", "list.xlsx", "The file is not a readable XLSX workbook."),
        (b"username\x00\x01\x02", "list.csv", "The file is not a text CSV file."),
    ],
)
def test_unusable_files_are_refused_with_a_plain_sentence(
    data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(Invalid) as raised:
        parse_contacts(data, filename)

    assert raised.value.message == message


def test_unclosed_quote_swallowing_a_huge_cell_is_refused() -> None:
    data = b'username\njohn_doe\n"' + b"x" * 200_000

    with pytest.raises(Invalid) as raised:
        parse_contacts(data, "x.csv")

    assert raised.value.message == (
        "The file could not be read after row 2; a quote may be left open."
    )


def test_a_stray_quote_is_reported_on_one_line() -> None:
    data = b'username\n"john_doe\nmary_smith\n'

    assert parse_contacts(data, "x.csv").skipped == [
        SkippedRow(2, 'Username "john_doe mary_smith" is not a valid Telegram username.')
    ]


def test_invalid_is_raised_before_the_first_batch() -> None:
    with pytest.raises(Invalid):
        iter_contact_batches(b"name\nJohn\n", "x.csv")


def test_xlsx_without_identifier_column_is_refused() -> None:
    with pytest.raises(Invalid, match="no telegram_id, username or phone_number column"):
        parse_contacts(xlsx_bytes([["name"], ["John"]]), "x.xlsx")


def test_xlsx_renamed_to_csv_is_read_as_xlsx() -> None:
    data = xlsx_bytes([["username"], ["john_doe"]])

    assert [r.username for r in parse_contacts(data, "export.csv").records] == ["john_doe"]


# -- the normalisers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("+7 (916) 123-45-67", "+79161234567"),
        ("0079161234567", "+79161234567"),
        ("79161234567", "+79161234567"),
        ("+1.202.555.0100", "+12025550100"),
        ("'+44 20 7946 0958", "+442079460958"),
        ("1234567", "+1234567"),
        ("123456", None),  # too short
        ("+1234567890123456", None),  # 16 digits
        ("+0123456789", None),  # no country code starts with 0
        ("12ab", None),
        ("+7 916 123 45 67 ext 5", None),
        ("++79161234567", None),
        ("", None),
        ("+٧٩١٦١٢٣٤٥٦٧", None),  # non-ASCII digits
    ],
)
def test_normalise_phone(value: str, expected: str | None) -> None:
    assert normalise_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("John_Doe", "John_Doe"),
        ("@John_Doe", "John_Doe"),
        (" @john_doe ", "john_doe"),
        ("t.me/john_doe", "john_doe"),
        ("https://t.me/john_doe", "john_doe"),
        ("http://telegram.me/john_doe/", "john_doe"),
        ("https://t.me/john_doe?start=x", "john_doe"),
        ("a" * 32, "a" * 32),
        ("a" * 33, None),
        ("abcd", None),  # too short
        ("1abcde", None),  # must start with a letter
        ("_abcde", None),
        ("john.doe", None),
        ("https://t.me/+AbCdEf123", None),  # an invite link, not a user
        ("https://t.me/john_doe/123", None),  # a message link
        ("@", None),
        ("", None),
    ],
)
def test_normalise_username(value: str, expected: str | None) -> None:
    assert normalise_username(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("123", 123),
        (" 123 ", 123),
        ("123.0", 123),
        (123, 123),
        (123.0, 123),
        (5_000_000_000, 5_000_000_000),
        ("0", None),
        ("-5", None),
        (-5, None),
        ("12.5", None),
        (12.5, None),
        ("1e9", None),
        ("abc", None),
        ("", None),
        (True, None),
        (2**63, None),
    ],
)
def test_normalise_telegram_id(value: str | int | float, expected: int | None) -> None:
    assert normalise_telegram_id(value) == expected


def test_contact_keys_follow_spec_order() -> None:
    record = EXPECTED_RECORDS[0]

    assert contact_keys(record) == (
        ("id", 1001),
        ("username", "john_doe"),
        ("phone", "+79161234567"),
    )
    assert contact_keys(EXPECTED_RECORDS[4]) == (("phone", "+12025550100"),)
    assert record.username_key() == "john_doe"


# -- big files ----------------------------------------------------------------------------


def big_csv(rows: int) -> bytes:
    lines = ["telegram_id;username;phone_number;first_name;tags;plan"]
    for n in range(rows):
        if n % 997 == 5:
            lines.append(f";bad;x{n};Broken;;")  # no valid identifier
        elif n % 1009 == 7:
            lines.append(f"{100_000 + n - 1};;;Again;;")  # same id as the previous row
        elif n % 1013 == 9:
            lines.append(";;;;;")  # blank
        else:
            lines.append(
                f"{100_000 + n};user_{n:06d};+7916{n:07d};Name {n};a,b|c;{'pro' if n % 2 else ''}"
            )
    return ("\n".join(lines) + "\n").encode()


def test_batches_give_the_same_result_as_parse_contacts() -> None:
    data = big_csv(12_000)
    parsed = parse_contacts(data, "big.csv")

    batches = iter_contact_batches(data, "big.csv")
    records: list[ContactRecord] = []
    skipped: list[SkippedRow] = []
    sizes = []
    for batch_records, batch_skipped in batches:
        sizes.append(len(batch_records) + len(batch_skipped))
        records.extend(batch_records)
        skipped.extend(batch_skipped)

    assert records == parsed.records
    assert skipped == parsed.skipped
    assert batches.empty_rows == parsed.empty_rows > 0
    assert batches.warnings == parsed.warnings
    assert batches.rows_read == 12_000
    assert batches.total_rows == 12_000
    assert sizes[:2] == [5000, 5000] and len(sizes) == 3
    assert len(parsed.skipped) > 20
    assert any(s.reason.startswith("Duplicate of row") for s in parsed.skipped)


def test_batches_of_xlsx_with_a_small_batch_size() -> None:
    rows: list[list[object]] = [["telegram_id", "username"]]
    rows += [[n, f"user_{n:05d}" if n % 3 else "bad"] for n in range(1, 101)]
    data = xlsx_bytes(rows)
    parsed = parse_contacts(data, "x.xlsx")

    batches = list(iter_contact_batches(data, "x.xlsx", batch_size=7))

    assert [r for batch, _ in batches for r in batch] == parsed.records
    assert all(len(b) + len(s) <= 7 for b, s in batches)
    assert len(parsed.records) == 100
    assert len(parsed.warnings) == 33


def test_hundred_thousand_rows() -> None:
    parsed = parse_contacts(big_csv(100_000), "big.csv")

    assert len(parsed.records) + len(parsed.skipped) + parsed.empty_rows == 100_000


# -- whatever the bytes, only Invalid -----------------------------------------------------

FILENAMES = st.sampled_from(["x.csv", "x.xlsx", "x.txt", "x", "x.tsv", "x.xls", "x.json"])


def parse_or_invalid(data: bytes, filename: str) -> ParsedContacts | None:
    try:
        parsed = parse_contacts(data, filename)
    except Invalid as error:
        assert error.message.endswith(".")
        return None
    rows = [r.row for r in parsed.records] + [s.row for s in parsed.skipped]
    assert len(rows) == len(set(rows))
    return parsed


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), filename=FILENAMES)
def test_arbitrary_bytes_raise_nothing_but_invalid(data: bytes, filename: str) -> None:
    parse_or_invalid(data, filename)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=2000), filename=FILENAMES)
def test_arbitrary_bytes_after_a_good_header(body: bytes, filename: str) -> None:
    parse_or_invalid(b"telegram_id;username;phone;tags;note\n" + body, filename)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=2000))
def test_arbitrary_bytes_that_look_like_a_zip(body: bytes) -> None:
    parse_or_invalid(b"PK\x03\x04" + body, "x.xlsx")


# NUL is left out: a file with NUL in it is refused as not being text.
GOOD_XLSX = xlsx_bytes([["telegram_id", "username", "note"], [1, "john_doe", "x"], [2, "ab", 3.5]])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    flips=st.lists(
        st.tuples(st.integers(0, len(GOOD_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=8
    ),
    cut=st.integers(0, len(GOOD_XLSX)),
)
def test_damaged_workbooks_raise_nothing_but_invalid(
    flips: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray(GOOD_XLSX)
    for offset, byte in flips:
        data[offset] = byte
    parse_or_invalid(bytes(data[: max(cut, 4)]), "x.xlsx")


CELL = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELL, max_size=7), max_size=20),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_arbitrary_tables_keep_every_row_accounted_for(
    rows: list[list[str]], delimiter: str
) -> None:
    header = ["username", "phone", "telegram_id", "tags", "note"]
    parsed = parse_or_invalid(csv_bytes([header, *rows], delimiter=delimiter), "x.csv")

    assert parsed is not None
    used = [n for n, row in enumerate(rows) if any(cell.strip() for cell in row)]
    expected_rows = used[-1] + 1 if used else 0  # trailing blank rows are not counted
    assert len(parsed.records) + len(parsed.skipped) + parsed.empty_rows == expected_rows
    seen_keys: set[tuple[str, int | str]] = set()
    for record in parsed.records:
        keys = contact_keys(record)
        assert keys, "a kept row has at least one identifier"
        assert not seen_keys & set(keys), "no two kept rows share a key"
        seen_keys.update(keys)
