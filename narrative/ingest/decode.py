"""Reading text files of unknown encoding line by line, without losing a row to a bad byte.

UTF-8 (with or without BOM) is tried first for every line; a line that is not
UTF-8 is decoded with a legacy encoding (charset detection on the file's first
megabyte when it is not UTF-8, else ``fallback_encoding``, cp1252 by default).
Bytes that fit neither are kept as lone surrogates (``surrogateescape``) so the
caller can reject just the row that holds them. UTF-16/32 files (BOM) are
decoded as a stream; their undecodable bytes become U+FFFD.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import io
import logging
import re
from collections.abc import Iterator
from typing import BinaryIO

logger = logging.getLogger(__name__)

SAMPLE_BYTES = 1 << 20
_CHUNK = 1 << 16
# Single-byte Western code pages that charset detection tends to confuse with each other.
_LATIN_FAMILY = {
    "cp1252",
    "cp1250",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_15",
    "iso8859_2",
    "iso8859_9",
    "mac_roman",
    "mac_latin2",
    "cp850",
    "cp437",
    "ascii",
}
_BAD = re.compile(r"[\udc80-\udcff\ufffd]")
_SURROGATE = re.compile(r"[\udc80-\udcff]")


@dataclasses.dataclass
class LineDecoder:
    """Decode one line of bytes at a time.

    Attributes:
        encodings: encodings tried in order (strict); the first is used with
            ``surrogateescape`` when none fits.
        stream_encoding: set for UTF-16/32 files, which are decoded as a stream.
        legacy_lines: how many lines needed the legacy encoding.
    """

    encodings: tuple[str, ...]
    stream_encoding: str | None = None
    legacy_lines: int = 0

    def decode(self, raw: bytes) -> str:
        for i, enc in enumerate(self.encodings):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if i:
                self.legacy_lines += 1
            return text
        return raw.decode(self.encodings[0], "surrogateescape")

    def describe(self) -> str:
        return " or ".join(self.encodings) if not self.stream_encoding else self.stream_encoding


def has_undecodable(text: str, *, stream: bool = False) -> bool:
    """Whether decoded text holds bytes that fit no encoding."""
    return bool((_BAD if stream else _SURROGATE).search(text))


def first_bad_byte(text: str) -> str:
    """The first undecodable byte as hex ('0x81'), or '?' for stream-decoded files."""
    m = _SURROGATE.search(text)
    if m is None:
        return "?"
    return f"0x{ord(m.group(0)) - 0xDC00:02x}"


def text_codec(name: str) -> str | None:
    """The canonical name of a text encoding (bytes <-> str), or None.

    None for unknown names and for codecs that are not text encodings (rot13, base64,
    zlib, hex...), which ``bytes.decode`` refuses with a LookupError.
    """
    try:
        b"a".decode(name)  # a text-encoding check comes before decoding (b"" would skip it)
    except UnicodeError:
        pass  # a text encoding that cannot decode this byte alone (utf-16, utf-32)
    except (LookupError, ValueError, TypeError):
        return None
    return codecs.lookup(name).name


def choose_decoder(sample: bytes, *, forced: str | None, fallback: str) -> LineDecoder:
    """Pick how to decode a file from its first bytes."""
    if forced:
        name = codecs.lookup(forced).name
        if name in ("utf-16", "utf-32"):
            boms = (
                (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
                if name == "utf-16"
                else (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
            )
            # Without a byte-order mark, Windows' little-endian order is the likely one.
            name = name if sample.startswith(boms) else f"{name}-le"
        if name.startswith(("utf-16", "utf-32")):
            return LineDecoder((name,), stream_encoding=name)
        if name == "utf-8":
            name = "utf-8-sig"
        return LineDecoder((name,))
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return LineDecoder(("utf-32",), stream_encoding="utf-32")
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return LineDecoder(("utf-16",), stream_encoding="utf-16")
    if bomless := _bomless_utf16(sample):
        return LineDecoder((bomless,), stream_encoding=bomless)
    legacy = codecs.lookup(fallback).name
    try:
        # final=False: a sample cut inside a multi-byte character is still UTF-8.
        codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=len(sample) < SAMPLE_BYTES)
    except UnicodeDecodeError:
        legacy = _detect_legacy(sample, fallback=legacy)
    return LineDecoder(("utf-8-sig", legacy) if legacy != "utf-8" else ("utf-8-sig",))


def _bomless_utf16(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for UTF-16 text without a byte-order mark, else None.

    Mostly-ASCII text (a table's header, digits, dates, delimiters) in UTF-16 has a zero
    byte in every other position; 8-bit encodings and UTF-8 have almost none.
    """
    head = sample[:4096]
    half = len(head) // 2
    if half < 4:
        return None
    zeros_odd = head[1 : 2 * half : 2].count(0)
    zeros_even = head[0 : 2 * half : 2].count(0)
    for name, many, few in (("utf-16-le", zeros_odd, zeros_even), ("utf-16-be", zeros_even, zeros_odd)):
        if many >= 0.3 * half and few <= 0.02 * half:
            try:
                # final=False: a surrogate pair cut at the end of the sample is still UTF-16.
                codecs.getincrementaldecoder(name)().decode(head[: 2 * half], final=False)
            except UnicodeDecodeError:
                continue
            return name
    return None


def _detect_legacy(sample: bytes, *, fallback: str) -> str:
    """Legacy encoding of a non-UTF-8 sample.

    Charset detection is unreliable on short samples and confuses Western code
    pages with each other, so ``fallback`` (cp1252) wins whenever any Western
    code page is among the near-best guesses; otherwise a Windows code page
    among them is preferred (cp1251 over mac_cyrillic), else the best guess.
    """
    from charset_normalizer import from_bytes

    matches = sorted(from_bytes(sample), key=lambda m: m.chaos)
    if not matches:
        return fallback
    near = [codecs.lookup(m.encoding).name for m in matches if m.chaos <= matches[0].chaos + 0.1]
    if any(name.replace("-", "_") in _LATIN_FAMILY or name.startswith("utf") for name in near):
        return fallback
    name = next((n for n in near if n.startswith("cp125")), near[0])
    logger.info("detected input encoding %s", name)
    return name


def iter_lines(fh: BinaryIO, decoder: LineDecoder, *, cr_only: bool = False) -> Iterator[str]:
    """Decoded lines (with their line endings) of a binary file, one at a time.

    Handles LF and CRLF, and old-Mac CR-only files when ``cr_only`` (see
    :func:`is_cr_only`); a UTF-8 BOM is dropped.
    """
    if decoder.stream_encoding:
        text = io.TextIOWrapper(fh, encoding=decoder.stream_encoding, errors="replace", newline="")
        try:
            yield from text
        finally:
            with contextlib.suppress(ValueError):  # the file was closed under an abandoned iterator
                text.detach()
        return
    first = True
    for raw in _iter_cr_lines(fh) if cr_only else fh:
        if first:
            first = False
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
        yield decoder.decode(raw)


def is_cr_only(sample: bytes) -> bool:
    """Whether a file's first bytes use old-Mac CR-only line endings."""
    return b"\r" in sample and b"\n" not in sample


def _iter_cr_lines(fh: BinaryIO) -> Iterator[bytes]:
    buf = b""
    while chunk := fh.read(_CHUNK):
        buf += chunk
        *lines, buf = buf.split(b"\r")
        for line in lines:
            yield line + b"\r"
    if buf:
        yield buf


def read_sample(fh: BinaryIO) -> bytes:
    """Up to SAMPLE_BYTES from the start of a buffered binary file, without consuming it."""
    data = fh.read(SAMPLE_BYTES)
    fh.seek(0)
    return data


def decode_whole(data: bytes, *, forced: str | None, fallback: str) -> tuple[str, LineDecoder]:
    """Decode a small whole file (one note), keeping undecodable bytes as surrogates."""
    decoder = choose_decoder(data[:SAMPLE_BYTES], forced=forced, fallback=fallback)
    if decoder.stream_encoding:
        return data.decode(decoder.stream_encoding, errors="replace"), decoder
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for enc in decoder.encodings:
        try:
            return data.decode(enc), decoder
        except UnicodeDecodeError:
            continue
    # Mixed file: decode line by line.
    return "".join(decoder.decode(line) for line in data.splitlines(keepends=True)), decoder
