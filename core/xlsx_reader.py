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
        expected = 1
        try:
            for _event, element in iterparse(self._sheet, events=("end",)):
                tag = element.tag
                if tag == MAIN + "dimension":
                    self.total_rows = _dimension_rows(element.get("ref", ""))
                elif tag == MAIN + "row":
                    number = int(element.get("r") or expected)
                    while expected < number:  # rows Excel left out are empty rows
                        yield []
                        expected += 1
                    yield self._cells(element)
                    expected = number + 1
                    element.clear()
        except BROKEN as error:
            raise WorkbookError(str(error)) from error

    def _cells(self, row: Element) -> list[Cell]:
        values: list[Cell] = []
        for cell in row.iterfind(MAIN + "c"):
            ref = cell.get("r")
            if ref:
                column = _column_index(ref)
                if column > len(values):
                    values.extend([None] * (column - len(values)))
            values.append(self._value(cell))
        return values

    def _value(self, cell: Element) -> Cell:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(MAIN + "is")
            return (
                "".join(t.text or "" for t in inline.iter(MAIN + "t")) if inline is not None else ""
            )
        raw = cell.findtext(MAIN + "v")
        if raw is None:
            return None
        if kind == "s":
            return self._strings[int(raw)]
        if kind == "b":
            return raw == "1"
        if kind in ("str", "e"):
            return raw
        number = float(raw)
        if int(cell.get("s", "0")) in self._date_styles:
            # Serial days are binary fractions: round to the millisecond, as Excel shows them.
            return EXCEL_EPOCH + timedelta(milliseconds=round(number * 86_400_000))
        return int(number) if number.is_integer() and "E" not in raw.upper() else number

    def close(self) -> None:
        self._sheet.close()
        self._zip.close()


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
