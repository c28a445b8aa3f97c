#!/usr/bin/env python3
"""Copies the real dumps the tests read into Tests/Fixtures/samples, with their provenance.

Run once by a developer when the sample set changes, from the repository root:

    python3 Tests/Fixtures/vendor_samples.py SAMPLES_DIR

SAMPLES_DIR is a folder of real dumps laid out as <format>/<from-producer>/<file> with a
PROVENANCE.md of one table row per file (the team's shared sample collection). Files are copied
unchanged, except that a file over 64 KiB that is not already gzip is stored gzipped (name + .gz):
the importers read gzip by content, and the repository stays small. PROVENANCE.md is rewritten
beside the copies with each row's file name as stored and a note on what was gzipped here.
Tests never run this script; they read the committed copies.
"""
import gzip
import os
import re
import shutil
import sys

GZIP_OVER = 64 * 1024
HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "samples")


def is_gzip(path):
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: vendor_samples.py SAMPLES_DIR")
    source = sys.argv[1]
    renamed = {}
    for folder, _, files in os.walk(source):
        for name in sorted(files):
            src = os.path.join(folder, name)
            relative = os.path.relpath(src, source)
            if relative == "PROVENANCE.md":
                continue
            dst = os.path.join(TARGET, relative)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if os.path.getsize(src) > GZIP_OVER and not is_gzip(src):
                with open(src, "rb") as f, open(dst + ".gz", "wb") as raw:
                    # mtime=0 and no file name: the same input always gives the same bytes.
                    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as out:
                        out.write(f.read())
                renamed[relative] = relative + ".gz"
            else:
                shutil.copyfile(src, dst)
    write_provenance(os.path.join(source, "PROVENANCE.md"), renamed)


def write_provenance(source_provenance, renamed):
    with open(source_provenance, encoding="utf-8") as f:
        text = f.read()
    section = ""
    lines = []
    for line in text.splitlines():
        heading = re.match(r"^## `([^`]+)/`", line)
        if heading:
            section = heading.group(1)
        cell = re.match(r"^\| `([^`]+)` \|", line)
        if cell and f"{section}/{cell.group(1)}" in renamed:
            name = cell.group(1)
            line = line.replace(f"| `{name}` |", f"| `{name}.gz` (stored gzipped here; the original is `{name}`) |", 1)
        lines.append(line)
    header = [
        "# Test fixtures: real dumps written by real tools",
        "",
        "Copied from the team's shared sample collection by `Tests/Fixtures/vendor_samples.py`: every file",
        "unchanged, except that files over 64 KiB that were not already gzip are stored gzipped (`.gz`",
        "added to the name, as each row says). The license texts of the source repositories are in",
        "`LICENSES/`, one file per repository (`owner__name.txt`). The collection's own notes follow.",
        "",
    ]
    body = lines[1:] if lines and lines[0].startswith("# ") else lines
    with open(os.path.join(TARGET, "PROVENANCE.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(header + body) + "\n")


if __name__ == "__main__":
    main()
