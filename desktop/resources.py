"""Finds the shipped resources (catalogue, calendar data, fonts, translations, icons).

One helper knows the three layouts: a source checkout (`<repo>/resources`), a PyInstaller bundle
(`sys._MEIPASS/resources`) and an installed wheel (`desktop/_resources`).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder that holds the shipped resources."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "_resources"]
    for candidate in candidates:
        if (candidate / "catalogue").is_dir():
            return candidate
    raise FileNotFoundError("resources folder not found; looked in " + ", ".join(map(str, candidates)))


def resource(*parts: str) -> Path:
    """Path of a shipped resource file, e.g. `resource("fonts", "LiberationSerif-Regular.ttf")`."""
    return resources_dir().joinpath(*parts)
