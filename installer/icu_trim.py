"""A smaller ICU data library for the Linux bundle (PySide6's libicudata.so.NN: ~31 MB, a sixth of the bundle).

Qt's Linux build links ICU, whose data library holds every locale of CLDR, ~200 legacy code-page converters,
the CJK/Thai/Khmer word dictionaries and the transliterators. The counter app runs in Vietnamese (English for
bug-report screenshots), converts text only between UTF encodings (Python does file I/O; Qt's own codecs do
UTF-8/16/32 and Latin-1 without ICU), and never uses ICU transliteration or dictionary word breaking (Qt's
text layout has its own line breaker). So this keeps the ICU core (properties, normalisation, collation
root, break rules, time-zone and supplemental data) plus the root, English and Vietnamese locale bundles in
every tree, and drops the rest: 31 MB -> ~4 MB. Other locales fall back to root, as ICU does for any locale
it lacks.

The data is an ICU "common data" package (header, then a table of contents of {name offset, data offset}
entries sorted by name, then the items, each 16-byte aligned). `trimmed_library` rewrites that table with
the kept items and assembles a library that exports the same `icudtNN_dat` symbol under the same soname
(needs `gcc` and `readelf`; installer/build.py falls back to the full library without them).

Plain standard library: imported by installer/motcua.spec inside PyInstaller's clean build environment.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

# Locale bundles kept in every tree (main, coll, curr, lang, region, unit, zone, rbnf, brkitr).
KEEP_LOCALES = ("root", "en", "en_US", "en_US_POSIX", "vi", "vi_VN")
# Index and shared string pools of each tree: not locales, always kept.
ALWAYS = ("res_index", "pool")
# Whole item kinds the app never needs: legacy code pages (but Vietnamese windows-1258), dictionary-based
# word break (CJK, Thai, Khmer, Lao, Burmese), transliteration.
DROP_SUFFIXES = (".cnv", ".dict")
KEEP_CONVERTERS = ("ibm-5354_P100-1998.cnv",)
DROP_TREES = ("translit",)

_LOCALE_ID = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")


def keep(name: str) -> bool:
    """Whether one ICU data item (e.g. `icudt73l/coll/vi.res`) stays in the trimmed package."""
    parts = name.split("/")
    if parts[-1] in KEEP_CONVERTERS:
        return True
    if name.endswith(DROP_SUFFIXES) or (len(parts) > 2 and parts[1] in DROP_TREES):
        return False
    stem, _, suffix = parts[-1].rpartition(".")
    if suffix != "res" or stem in ALWAYS or stem in KEEP_LOCALES:
        return True
    # supplementalData, zoneinfo64, coll/de__PHONEBOOK ... are data, not locale bundles; locales go.
    return not _LOCALE_ID.match(stem)


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(item name, item bytes)]) of an ICU common data package (offset-TOC format)."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    # DataHeader: size, magic 0xda27, then UDataInfo whose dataFormat "CmnD" marks a common data package
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD" or data[8] != 0:  # [8]: isBigEndian
        raise ValueError("not a little-endian ICU common data package")
    toc = data[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        name = toc[name_at : toc.index(b"\0", name_at)].decode("ascii")
        items.append((name, toc[data_at:end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package again, with `items` (kept in name order, so ICU's binary search still works)."""
    items = sorted(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    first = _align(table_size + len(names))
    entries, blob, name_at = [], bytearray(), table_size
    for name, item in items:
        entries.append(struct.pack("<II", name_at, first + len(blob)))
        name_at += len(name) + 1
        blob += item + b"\0" * (_align(len(item)) - len(item))
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + toc + b"\0" * (first - len(toc)) + bytes(blob)


def _align(n: int) -> int:
    return (n + 15) & ~15


def _symbol_bytes(library: Path, symbol: str) -> bytes:
    """The bytes of one data symbol of an ELF shared library (file offset through its section)."""
    symbols = subprocess.run(["readelf", "-sW", str(library)], capture_output=True, text=True, check=True)
    found = re.search(
        rf"^\s*\d+:\s+([0-9a-f]+)\s+(\S+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+{symbol}$", symbols.stdout, re.M
    )
    if not found:
        raise ValueError(f"{library.name} has no {symbol}")
    address = int(found.group(1), 16)
    size = int(found.group(2), 0)
    sections = subprocess.run(["readelf", "-SW", str(library)], capture_output=True, text=True, check=True)
    for line in sections.stdout.splitlines():
        cols = re.match(
            r"^\s*\[\s*\d+\]\s+\S+\s+\S+\s+([0-9a-f]{8,})\s+([0-9a-f]{6,})\s+([0-9a-f]{6,})", line
        )
        if cols:
            start, offset, length = (int(c, 16) for c in cols.groups())
            if start <= address < start + length:
                with library.open("rb") as f:
                    f.seek(offset + address - start)
                    return f.read(size)
    raise ValueError(f"{symbol} of {library.name} is in no section")


def trimmed_library(library: Path, workdir: Path) -> Path | None:
    """Builds workdir/<same name>: the ICU data library with the kept items only. None without gcc/readelf."""
    if not (shutil.which("gcc") and shutil.which("readelf")):
        return None
    major = re.search(r"libicudata\.so\.(\d+)", library.name)
    if not major:
        raise ValueError(f"not an ICU data library: {library}")
    symbol = f"icudt{major.group(1)}_dat"
    header, items = read_package(_symbol_bytes(library, symbol))
    workdir.mkdir(parents=True, exist_ok=True)
    package = workdir / f"{symbol}.dat"
    package.write_bytes(write_package(header, [(name, item) for name, item in items if keep(name)]))
    source = workdir / f"{symbol}.S"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f'\t.incbin "{package.name}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    output = workdir / library.name
    subprocess.run(
        ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(output), source.name],
        cwd=workdir,
        check=True,
    )
    return output
