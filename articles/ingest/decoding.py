"""Bytes to text: UTF-8, else the charset the file declares, else a detector that is sure.

A file is refused (with its reason) when it is empty, binary, too large, or in an
encoding that can be neither read from its own declaration nor told with confidence.
"""

import codecs
import re

from charset_normalizer import from_bytes

from .parsed import IngestError

BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"\x7fELF": "a program",
}

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# <meta charset="windows-1251">, <meta http-equiv="Content-Type" content="text/html; charset=...">,
# <?xml version="1.0" encoding="...">
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*(?P<meta>[A-Za-z0-9_.:-]+)
       | <\?xml[^>]*?encoding\s*=\s*["'](?P<xml>[A-Za-z0-9_.:-]+)""",
    re.IGNORECASE | re.VERBOSE,
)
# Browsers read pages labelled Latin-1 or ASCII as windows-1252, and so do we.
AS_BROWSERS_READ = {"latin_1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}

# Below this, a detector's guess is a coin toss ("café" reads as UTF-16 Chinese).
DETECTABLE_BYTES = 48
DETECTOR_MAX_CHAOS = 0.2


def check_size(size: int, *, max_bytes: int, what: str = "file") -> None:
    if size > max_bytes:
        raise IngestError(f"{what} is too large (the limit is {max_bytes:,} bytes)")


def decode_text(data: bytes, *, max_bytes: int) -> str:
    """The file's text, or an IngestError saying why it is not a text file we can read."""
    check_size(len(data), max_bytes=max_bytes)
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return checked(decode_marked(data, encoding), only_a_mark=True)
    if not data.strip():
        raise IngestError("file is empty")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise IngestError(f"file is binary data ({what}), not text")
    if b"\x00" in data:
        raise IngestError("file is binary data (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = decode_legacy(data, error)
    return checked(text)


def decode_marked(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        name = encoding.removesuffix("-sig").upper()
        raise IngestError(
            f"file starts with a {name} byte-order mark but is not valid {name} "
            f"(bad byte at offset {error.start}); save it as UTF-8 and import it again"
        ) from None


def checked(text: str, *, only_a_mark: bool = False) -> str:
    if not text.strip():
        raise IngestError(
            "file is empty (it holds only a byte-order mark)"
            if only_a_mark and not text
            else "file is empty"
        )
    control = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    if control > max(3, len(text) // 100):
        raise IngestError("file is binary data (too many control characters), not text")
    return text


def declared_charset(data: bytes) -> str:
    """The codec a page or XML file declares near its top, as Python names it; "" if none."""
    match = DECLARED_CHARSET.search(data[:8192])
    if not match:
        return ""
    label = (match["meta"] or match["xml"]).decode("ascii")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return ""
    return AS_BROWSERS_READ.get(name, name)


def decode_legacy(data: bytes, error: UnicodeDecodeError) -> str:
    """Text that is not UTF-8: its declared charset, else a confident detector's guess."""
    declared = declared_charset(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    guess = detected(data)
    if guess is not None:
        return guess
    problem = f"file is not valid UTF-8 (bad byte at offset {error.start})"
    if declared and declared != "utf-8":
        problem += f" nor the {declared} it declares"
    raise IngestError(
        f"{problem}, and its encoding cannot be told; save it as UTF-8 and import it again"
    )


def detected(data: bytes) -> str | None:
    """The text as charset-normalizer reads it, when there is enough of it to be sure."""
    if len(data) < DETECTABLE_BYTES:
        return None
    best = from_bytes(data).best()
    if best is None or best.chaos > DETECTOR_MAX_CHAOS:
        return None
    if best.encoding.startswith(("utf_16", "utf_32")):  # without a byte-order mark: not text
        return None
    return str(best)
