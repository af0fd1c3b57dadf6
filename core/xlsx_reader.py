"""A small streaming reader for the first sheet of an XLSX workbook: cell values only,
read straight from the sheet's XML. openpyxl's read-only mode spends most of a
100,000-row import building cell objects; this reads the same values several times faster."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from xml.etree.ElementTree import Element, ParseError, iterparse
from xml.parsers import expat

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EXCEL_EPOCH = datetime(1899, 12, 30)
# Built-in number formats that show dates or times (ECMA-376 §18.8.30).
BUILTIN_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_DATE_TOKENS = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_CELL_REF = re.compile(r"([A-Z]+)")

Cell = str | int | float | bool | datetime | None
# What a damaged, truncated, encrypted or oddly compressed archive can raise while read.
BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ParseError,
    ValueError,
    OSError,
    NotImplementedError,
    RuntimeError,
    expat.ExpatError,
)


class WorkbookError(Exception):
    """The workbook is not readable (the caller turns this into a plain sentence)."""


class FirstSheet:
    """Rows of the workbook's first sheet as lists of values, gaps filled with empty rows
    so that positions are spreadsheet row numbers. `total_rows` is the sheet's declared
    dimension when it has one."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            path = _first_sheet_path(self._zip)
            self._strings = _shared_strings(self._zip)
            self._date_styles = _date_styles(self._zip)
            self._sheet = self._zip.open(path)
        except BROKEN as error:
            raise WorkbookError(str(error)) from error
        self.total_rows: int | None = None

    def rows(self) -> Iterator[list[Cell]]:
        reader = _SheetReader(self._strings, self._date_styles)
        expected = 1
        try:
            while chunk := self._sheet.read(1 << 16):
                reader.feed(chunk)
                self.total_rows = reader.dimension  # declared before the rows
                for number, cells in reader.take():
                    while expected < number:  # rows Excel left out are empty rows
                        yield []
                        expected += 1
                    yield cells
                    expected = number + 1
            reader.feed(b"", final=True)
        except BROKEN as error:
            raise WorkbookError(str(error)) from error

    def close(self) -> None:
        self._sheet.close()
        self._zip.close()


class _SheetReader:
    """Expat callbacks over the sheet XML: no element objects are built, which is what makes
    a 100,000-row sheet cheap. Finished rows wait in `take()` as (row number, values)."""

    def __init__(self, strings: list[str], date_styles: set[int]) -> None:
        self._strings, self._date_styles = strings, date_styles
        self._parser = expat.ParserCreate(namespace_separator=" ")
        self._parser.buffer_text = True
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._text
        self._done: list[tuple[int, list[Cell]]] = []
        self._row: list[Cell] = []
        self._row_number = 0
        self._cell: tuple[str, int, int] = ("n", 0, 0)  # type, style, column
        self._buffer: list[str] | None = None
        self._inline: list[str] = []
        self._value: str | None = None
        self.dimension: int | None = None

    def feed(self, data: bytes, final: bool = False) -> None:
        self._parser.Parse(data, final)

    def take(self) -> list[tuple[int, list[Cell]]]:
        done, self._done = self._done, []
        return done

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rpartition(" ")[2]
        if tag == "c":
            ref = attrs.get("r")
            column = _column_index(ref) if ref else len(self._row)
            self._cell = (attrs.get("t", "n"), int(attrs.get("s", "0")), column)
            self._value, self._inline = None, []
        elif tag in ("v", "t"):
            self._buffer = []
        elif tag == "row":
            self._row_number = int(attrs.get("r") or self._row_number + 1)
            self._row = []
        elif tag == "dimension":
            self.dimension = _dimension_rows(attrs.get("ref", ""))

    def _text(self, data: str) -> None:
        if self._buffer is not None:
            self._buffer.append(data)

    def _end(self, name: str) -> None:
        tag = name.rpartition(" ")[2]
        if tag == "v":
            self._value = "".join(self._buffer or ())
            self._buffer = None
        elif tag == "t":
            self._inline.append("".join(self._buffer or ()))
            self._buffer = None
        elif tag == "c":
            kind, style, column = self._cell
            if column > len(self._row):
                self._row.extend([None] * (column - len(self._row)))
            self._row.append(self._convert(kind, style))
        elif tag == "row":
            self._done.append((self._row_number, self._row))

    def _convert(self, kind: str, style: int) -> Cell:
        if kind == "inlineStr":
            return "".join(self._inline)
        raw = self._value
        if raw is None:
            return None
        if kind == "s":
            return self._strings[int(raw)]
        if kind == "b":
            return raw == "1"
        if kind in ("str", "e"):
            return raw
        number = float(raw)
        if style in self._date_styles:
            # Serial days are binary fractions: round to the millisecond, as Excel shows them.
            return EXCEL_EPOCH + timedelta(milliseconds=round(number * 86_400_000))
        return int(number) if number.is_integer() and "E" not in raw.upper() else number


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    workbook = _parse(archive, "xl/workbook.xml")
    sheet = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    if sheet is None:
        raise KeyError("The workbook has no sheet.")
    rel_id = sheet.get(REL + "id")
    rels = _parse(archive, "xl/_rels/workbook.xml.rels")
    for rel in rels.iter(PKG_REL + "Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise KeyError("The workbook's first sheet is missing.")


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _event, element in iterparse(handle, events=("end",)):
            if element.tag == MAIN + "si":
                # Rich text keeps its runs' texts; phonetic hints (rPh) are not part of it.
                strings.append(
                    "".join(
                        t.text or ""
                        for node in element
                        if node.tag in (MAIN + "t", MAIN + "r")
                        for t in ([node] if node.tag == MAIN + "t" else node.iter(MAIN + "t"))
                    )
                )
                element.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of cell styles whose number format shows a date or time."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    styles = _parse(archive, "xl/styles.xml")
    custom = {
        int(fmt.get("numFmtId", "0"))
        for fmt in styles.iter(MAIN + "numFmt")
        if _DATE_TOKENS.search(_QUOTED.sub("", fmt.get("formatCode", "")))
    }
    dates = BUILTIN_DATE_FORMATS | custom
    xfs = styles.find(MAIN + "cellXfs")
    if xfs is None:
        return set()
    return {
        i for i, xf in enumerate(xfs.iterfind(MAIN + "xf")) if int(xf.get("numFmtId", "0")) in dates
    }


def _parse(archive: zipfile.ZipFile, name: str) -> Element:
    with archive.open(name) as handle:
        root = None
        for _event, element in iterparse(handle, events=("end",)):
            root = element
        if root is None:
            raise KeyError(name)
        return root


def _column_index(ref: str) -> int:
    letters = _CELL_REF.match(ref)
    if not letters:
        raise ValueError(f"bad cell reference {ref!r}")
    index = 0
    for char in letters.group(1):
        index = index * 26 + (ord(char) - 64)
    return index - 1


def _dimension_rows(ref: str) -> int | None:
    last = ref.split(":")[-1]
    digits = last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits) if digits.isdigit() else None
