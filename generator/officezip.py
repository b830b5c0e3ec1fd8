"""Office files (.docx, .xlsx) whose bytes depend on their content only: every zip entry dated alike."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib

# Zip records (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16), the fields zipfile writes for an entry under 2 GB
LOCAL, CENTRAL, END = "<4s2B4HL2L2H", "<4s4B4HL2L5H2L", "<4s4H2LH"


def fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite an Office file's zip with every entry dated `when`, so the same data gives the same bytes.

    The entries' compressed bytes are copied as they are (python-docx and XlsxWriter deflate them as
    zipfile does); only the headers are written anew, with the date and as Office writes them.
    """
    # a zip entry's date lies between 1980 and 2107; a stranger publishing date takes the nearest bound
    day = min(max(when.date(), dt.date(1980, 1, 1)), dt.date(2107, 12, 31))
    date = (day.year - 1980) << 9 | day.month << 5 | day.day  # MS-DOS date; the time is midnight, 0
    out, central = io.BytesIO(), []
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for item in source.infolist():
            name, flags = _zip_name(item.filename)
            raw = _raw_entry(data, item) if item.compress_type == zipfile.ZIP_DEFLATED else None
            if raw is None:  # not deflated: deflate it as zipfile would
                packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
                raw = packer.compress(source.read(item)) + packer.flush()
            # version 2.0 needed (deflate), made on MS-DOS (0) as Office makes them, time 00:00, no extra field
            local = (20, 0, flags, zipfile.ZIP_DEFLATED, 0, date, item.CRC, len(raw), item.file_size, len(name), 0)
            central.append(struct.pack(CENTRAL, b"PK\x01\x02", 20, 0, *local, 0, 0, 0, 0o600 << 16, out.tell()) + name)
            out.write(struct.pack(LOCAL, b"PK\x03\x04", *local) + name + raw)
    start, directory = out.tell(), b"".join(central)
    out.write(directory + struct.pack(END, b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0))
    return out.getvalue()


def _zip_name(name: str) -> tuple[bytes, int]:
    """Encode an entry's name as zipfile does: ASCII, or UTF-8 with the flag saying so."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800


def _raw_entry(data: bytes, item: zipfile.ZipInfo) -> bytes:
    """Return an entry's compressed bytes, after its local header (30 bytes, then its name and extra field)."""
    name_length, extra_length = struct.unpack_from("<2H", data, item.header_offset + 26)
    begin = item.header_offset + 30 + name_length + extra_length
    return data[begin : begin + item.compress_size]
