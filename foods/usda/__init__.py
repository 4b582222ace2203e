"""Readers for the official USDA releases, and the writer that stores what they read.

A release is a folder in one of three official formats, told apart by the file
that only it has (its reader's MARKER). `find_releases` looks in a folder and
beneath it; `Release.read()` yields FoodRecords and Rejected rows.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from foods.usda import fndds, foundation, sr28
from foods.usda.files import ReleaseError
from foods.usda.records import Rejected

READERS = (sr28, foundation, fndds)

__all__ = ["Release", "ReleaseError", "collect", "find_releases"]


@dataclass(frozen=True)
class Release:
    folder: Path
    reader: object  # one of READERS

    @property
    def name(self):
        return self.reader.RELEASE

    def read(self):
        return self.reader.read(self.folder)


def find_releases(path):
    """Every release in `path` or beneath it, in a stable order; ReleaseError when there is none."""
    path = Path(path)
    if not path.is_dir():
        raise ReleaseError(f"{path} is not a folder")
    releases = []
    for folder, subfolders, files in os.walk(path):
        subfolders.sort()
        releases += [Release(Path(folder), reader) for reader in READERS if reader.MARKER in files]
    if not releases:
        markers = ", ".join(reader.MARKER for reader in READERS)
        raise ReleaseError(f"no USDA release found in {path} (looked for {markers})")
    return releases


def collect(items):
    """Split what a reader yields into (FoodRecords, Rejected rows)."""
    records, rejected = [], []
    for item in items:
        (rejected if isinstance(item, Rejected) else records).append(item)
    return records, rejected
