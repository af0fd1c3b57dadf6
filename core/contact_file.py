"""Reading a contact list from a CSV or XLSX file into validated, de-duplicated records
(SPEC §4); pure, no database: the import in core/ upserts what this module yields."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePosixPath

from core.errors import Invalid
from core.xlsx_reader import FirstSheet, WorkbookError

# Column names the file may use, after `_header_key` (lower case, runs of spaces, dashes,
# dots and underscores folded to one '_'). Aliases are only names that cannot mean anything
# else: a bare "id", "user_id" or "name" may be another system's column, so those stay
# custom fields rather than being guessed.
KNOWN_COLUMNS: dict[str, str] = {
    "telegram_id": "telegram_id",
    "telegram_user_id": "telegram_id",
    "telegramid": "telegram_id",
    "tg_id": "telegram_id",
    "tg_user_id": "telegram_id",
    "username": "username",
    "user_name": "username",
    "telegram_username": "username",
    "tg_username": "username",
    "phone_number": "phone_number",
    "phone": "phone_number",
    "phone_no": "phone_number",
    "phonenumber": "phone_number",
    "mobile": "phone_number",
    "mobile_phone": "phone_number",
    "telephone": "phone_number",
    "first_name": "first_name",
    "firstname": "first_name",
    "given_name": "first_name",
    "last_name": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "family_name": "last_name",
    "language": "language",
    "lang": "language",
    "language_code": "language",
    "tags": "tags",
    "tag": "tags",
    "labels": "tags",
}
IDENTIFIER_COLUMNS = ("telegram_id", "username", "phone_number")

TEXT_EXTENSIONS = frozenset({"", ".csv", ".tsv", ".txt"})
XLSX_EXTENSIONS = frozenset({".xlsx", ".xlsm"})
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls (and .doc): a different format altogether

# Telegram ids are stored as BIGINT.
MAX_TELEGRAM_ID = 2**63 - 1

_PHONE_PUNCTUATION = re.compile(r"[\s\-.()/]+")
_DIGITS = re.compile(r"[0-9]+")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
_USERNAME_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/(?P<name>[^/?#]*)/?(?:[?#].*)?",
    re.IGNORECASE,
)
_TELEGRAM_ID = re.compile(r"[0-9]+(?:\.0*)?")
_TAG_SEPARATORS = re.compile(r"[,;|]")
_HEADER_SEPARATORS = re.compile(r"[\s\-_.]+")

# (spreadsheet row number, raw cells) for every row of the file, blank ones included.
_Rows = Generator[tuple[int, list[object]], None, None]


@dataclass(frozen=True)
class ContactRecord:
    """One valid, normalised row of the file."""

    row: int  # spreadsheet row number: the header is row 1, the first data row is 2
    telegram_id: int | None
    username: str | None  # case as given, without '@'; compare with username_key()
    phone: str | None  # E.164: '+' and digits
    first_name: str | None
    last_name: str | None
    language: str | None
    tags: tuple[str, ...]
    fields: dict[str, str]  # every unknown column, header as given (stripped), no empty values

    def username_key(self) -> str | None:
        return self.username.lower() if self.username is not None else None


@dataclass(frozen=True)
class SkippedRow:
    """A row left out (in `skipped`) or a value left out of a kept row (in `warnings`)."""

    row: int
    reason: str  # one plain sentence


@dataclass
class ParsedContacts:
    records: list[ContactRecord]
    skipped: list[SkippedRow]
    empty_rows: int  # fully blank rows between the header and the last row with data
    columns: list[str]  # header as understood: known names canonical, others as given
    # Kept rows that lost an invalid identifier value (e.g. a bad phone beside a good
    # username), one entry per dropped value.
    warnings: list[SkippedRow] = field(default_factory=list)
    encoding: str | None = None  # how a CSV was decoded; None for XLSX


def normalise_phone(value: str) -> str | None:
    """E.164 ('+' and 7–15 digits) or None. A number without '+' or '00' is taken as
    already international: a local number cannot be placed without knowing the country."""
    text = _PHONE_PUNCTUATION.sub("", str(value)).lstrip("'")  # "'" is Excel's text marker
    if text.startswith("+"):
        digits = text[1:]
    elif text.startswith("00"):
        digits = text[2:]
    else:
        digits = text
    if not _DIGITS.fullmatch(digits) or not 7 <= len(digits) <= 15 or digits[0] == "0":
        return None
    return "+" + digits


def normalise_username(value: str) -> str | None:
    """The username without '@' or a t.me link around it, case kept; None unless it follows
    Telegram's rules (5–32 of A-Z, a-z, 0-9, '_', starting with a letter)."""
    text = str(value).strip()
    link = _USERNAME_LINK.fullmatch(text)
    if link:
        text = link.group("name")
    elif text.startswith("@"):
        text = text[1:]
    return text if _USERNAME.fullmatch(text) else None


def normalise_telegram_id(value: str | int | float) -> int | None:
    """A positive Telegram user id or None. Spreadsheets hand ids over as 123.0 or "123.0".
    Negative ids are groups and channels, not people."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            return None
        number = int(value)
    else:
        text = str(value).strip()
        if not _TELEGRAM_ID.fullmatch(text):
            return None
        number = int(text.split(".", 1)[0])
    return number if 0 < number <= MAX_TELEGRAM_ID else None


def contact_keys(record: ContactRecord) -> tuple[tuple[str, int | str], ...]:
    """De-duplication keys in SPEC order: Telegram id, username (case-insensitive), phone."""
    keys: list[tuple[str, int | str]] = []
    if record.telegram_id is not None:
        keys.append(("id", record.telegram_id))
    username = record.username_key()
    if username is not None:
        keys.append(("username", username))
    if record.phone is not None:
        keys.append(("phone", record.phone))
    return tuple(keys)


def parse_contacts(data: bytes, filename: str) -> ParsedContacts:
    """The whole file at once; raises Invalid when the file as a whole cannot be used."""
    batches = iter_contact_batches(data, filename)
    records: list[ContactRecord] = []
    skipped: list[SkippedRow] = []
    for batch_records, batch_skipped in batches:
        records.extend(batch_records)
        skipped.extend(batch_skipped)
    return ParsedContacts(
        records=records,
        skipped=skipped,
        empty_rows=batches.empty_rows,
        columns=batches.columns,
        warnings=batches.warnings,
        encoding=batches.encoding,
    )


def iter_contact_batches(data: bytes, filename: str, batch_size: int = 5000) -> ContactBatches:
    """Streaming variant of parse_contacts, for large files: yields (records, skipped) in
    batches of at most `batch_size` rows. Format and header problems raise Invalid here,
    before the first batch; see ContactBatches for the totals."""
    return ContactBatches(data, filename, batch_size)


class ContactBatches(Iterator[tuple[list[ContactRecord], list[SkippedRow]]]):
    """Iterator over (records, skipped) batches. The attributes are live: `rows_read` and
    `total_rows` drive a progress bar; `empty_rows` and `warnings` are final once the
    iterator is exhausted."""

    def __init__(self, data: bytes, filename: str, batch_size: int = 5000) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.batch_size = batch_size
        self.encoding: str | None = None
        self.total_rows: int | None = None  # data rows expected; an estimate, for progress
        self.rows_read = 0  # data rows consumed so far, blank ones included
        self.empty_rows = 0
        self.warnings: list[SkippedRow] = []
        self._pending_empty = 0  # blank rows not yet known to be followed by data
        self._seen: dict[tuple[str, int | str], int] = {}
        self._rows = self._open(data, filename)
        try:
            self._header = self._read_header()
        except Invalid:
            self.close()
            raise
        self.columns = self._header.columns
        if self.total_rows is not None:
            self.total_rows = max(self.total_rows - self._header.row, 0)

    def __next__(self) -> tuple[list[ContactRecord], list[SkippedRow]]:
        records: list[ContactRecord] = []
        skipped: list[SkippedRow] = []
        for row_number, cells in self._rows:
            self.rows_read += 1
            texts = [_cell_text(cell) for cell in cells]
            if not any(texts):
                self._pending_empty += 1
                continue
            self.empty_rows += self._pending_empty
            self._pending_empty = 0
            outcome = self._read_row(row_number, texts)
            if isinstance(outcome, SkippedRow):
                skipped.append(outcome)
            else:
                records.append(outcome)
            if len(records) + len(skipped) >= self.batch_size:
                return records, skipped
        if records or skipped:
            return records, skipped
        raise StopIteration

    def close(self) -> None:
        """Release the file early (an XLSX workbook holds its archive open) when the
        batches are not read to the end."""
        self._rows.close()

    # -- reading the file -----------------------------------------------------------------

    def _open(self, data: bytes, filename: str) -> _Rows:
        if not data:
            raise Invalid("The file is empty.")
        extension = PurePosixPath(filename or "").suffix.lower()
        is_zip = data.startswith(ZIP_MAGIC)
        if extension in XLSX_EXTENSIONS or (is_zip and extension in TEXT_EXTENSIONS):
            if not is_zip:
                raise Invalid("The file is not a valid XLSX workbook.")
            return self._open_xlsx(data)
        if extension == ".xls" or data.startswith(OLE_MAGIC):
            raise Invalid("Old Excel .xls files are not supported; save the sheet as XLSX or CSV.")
        if extension not in TEXT_EXTENSIONS:
            name = PurePosixPath(filename).name
            raise Invalid(f"{_quote(name)} is not a CSV or XLSX file; save it as one of those.")
        return self._open_csv(data)

    def _open_csv(self, data: bytes) -> _Rows:
        text, self.encoding = _decode(data)
        if "\x00" in text:
            raise Invalid("The file is not a text CSV file.")
        lines = max(text.count("\n"), text.count("\r"))  # old Macs end lines with "\r" alone
        self.total_rows = lines + (0 if text.endswith(("\n", "\r")) else 1)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
        return _csv_rows(reader)

    def _open_xlsx(self, data: bytes) -> _Rows:
        try:
            sheet = FirstSheet(data)
        except WorkbookError as error:
            raise Invalid("The file is not a readable XLSX workbook.") from error
        rows = sheet.rows()
        return _xlsx_rows(rows, sheet.close, lambda: sheet.total_rows, self)

    def _read_header(self) -> _Header:
        for row_number, cells in self._rows:
            texts = [_cell_text(cell) for cell in cells]
            if any(texts):
                return _Header.parse(row_number, texts)
        raise Invalid("The file has no header row.")

    # -- one row --------------------------------------------------------------------------

    def _read_row(self, row_number: int, texts: list[str]) -> ContactRecord | SkippedRow:
        values: dict[str, str] = {}
        fields: dict[str, str] = {}
        for index, name, is_custom in self._header.targets:
            value = texts[index] if index < len(texts) else ""
            if not value:
                continue
            if is_custom:
                fields.setdefault(name, value)
            else:
                values[name] = value

        problems: list[str] = []
        telegram_id = username = phone = None
        if raw := values.get("telegram_id"):
            telegram_id = normalise_telegram_id(raw)
            if telegram_id is None:
                problems.append(f"Telegram id {_quote(raw)} is not a valid Telegram user id")
        if raw := values.get("username"):
            username = normalise_username(raw)
            if username is None:
                problems.append(f"username {_quote(raw)} is not a valid Telegram username")
        if raw := values.get("phone_number"):
            phone = normalise_phone(raw)
            if phone is None:
                problems.append(f"phone {_quote(raw)} is not a valid phone number")

        if telegram_id is None and username is None and phone is None:
            if not problems:
                return SkippedRow(row_number, "The row has no Telegram id, username or phone.")
            return SkippedRow(row_number, _sentence("; ".join(problems)) + ".")

        record = ContactRecord(
            row=row_number,
            telegram_id=telegram_id,
            username=username,
            phone=phone,
            first_name=values.get("first_name"),
            last_name=values.get("last_name"),
            language=values["language"].lower() if "language" in values else None,
            tags=_split_tags(values.get("tags", "")),
            fields=fields,
        )
        keys = contact_keys(record)
        for key in keys:
            if key in self._seen:
                # A duplicate's own problems are moot: the row is not imported at all.
                return SkippedRow(row_number, f"Duplicate of row {self._seen[key]}.")
        for key in keys:
            self._seen[key] = row_number
        self.warnings.extend(
            SkippedRow(row_number, _sentence(problem) + "; the row was kept without it.")
            for problem in problems
        )
        return record


@dataclass(frozen=True)
class _Header:
    row: int
    columns: list[str]
    targets: list[tuple[int, str, bool]]  # (cell index, field name, is a custom field)

    @classmethod
    def parse(cls, row_number: int, texts: list[str]) -> _Header:
        columns: list[str] = []
        targets: list[tuple[int, str, bool]] = []
        known_from: dict[str, str] = {}
        for index, text in enumerate(texts):
            header = text.lstrip("\ufeff").strip()
            if not header:
                continue  # a column without a name has nowhere to go
            known = KNOWN_COLUMNS.get(_header_key(header))
            if known is None:
                targets.append((index, header, True))
                if header not in columns:
                    columns.append(header)
                continue
            if known in known_from:
                # Silently preferring one of two phone columns would import the wrong one.
                raise Invalid(
                    f"The header has two {known} columns: "
                    f"{_quote(known_from[known])} and {_quote(header)}."
                )
            known_from[known] = header
            targets.append((index, known, False))
            columns.append(known)
        if not any(name in known_from for name in IDENTIFIER_COLUMNS):
            raise Invalid(
                "The header row has no telegram_id, username or phone_number column; "
                "the first row of the file must name the columns."
            )
        return cls(row_number, columns, targets)


def _csv_rows(reader: Iterable[list[str]]) -> _Rows:
    row_number = 0
    try:
        for row_number, cells in enumerate(reader, start=1):
            yield row_number, list(cells)
    except csv.Error as error:
        raise Invalid(
            f"The file could not be read after row {row_number}; a quote may be left open."
        ) from error


def _xlsx_rows(
    rows: Iterable[list[object]],
    close: Callable[[], None],
    total: Callable[[], int | None],
    batches: ContactBatches,
) -> _Rows:
    row_number = 0
    try:
        for row_number, cells in enumerate(rows, start=1):
            if row_number == 1:  # the sheet's dimension is known once reading started
                batches.total_rows = total()
            yield row_number, cells
    except WorkbookError as error:  # the sheet is parsed lazily; a broken one fails mid-way
        raise Invalid(f"The workbook could not be read after row {row_number}.") from error
    finally:
        close()


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (BOM or not), UTF-16 with a BOM (Excel's "Unicode text"), else the common
    Cyrillic Windows code page, else Latin-1, which decodes anything."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "cp1251"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _sniff_delimiter(text: str) -> str:
    """`,` `;` or tab. The Sniffer's guess is trusted only if the header line contains it,
    because a quoted "a, b" tag list can mislead it; otherwise the most frequent candidate
    in the header line wins, and a single-column file gets ','."""
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    sample = text[:16384]
    try:
        guess = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except Exception:  # csv.Error when undecided; the Sniffer is heuristic, so anything
        guess = None
    if guess is not None and guess in header_line:
        return guess
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _cell_text(value: object) -> str:
    """A cell as the user sees it: integral floats (ids and phones stored as numbers)
    lose their '.0', dates become ISO text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def _split_tags(text: str) -> tuple[str, ...]:
    """Tags split on ',' ';' '|', trimmed; "VIP" and "vip" are one tag, first spelling kept."""
    tags: dict[str, str] = {}
    for part in _TAG_SEPARATORS.split(text):
        tag = part.strip()
        if tag:
            tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


def _header_key(header: str) -> str:
    return _HEADER_SEPARATORS.sub("_", header.lower()).strip("_")


def _quote(value: str, limit: int = 40) -> str:
    # A stray quote in a CSV can pull line breaks into a cell; keep the reason on one line.
    value = " ".join(value.split())
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return f'"{shown}"'


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
