"""What no value on the wire may hold, checked on both ends: NUL characters, lone surrogates, NaN and
infinite numbers, nesting deeper than MAX_DEPTH (`sync.protocol.WireModel` runs it on every model).

Written by hand: pydantic checks types and lengths, not the characters and depth of free-form JSON values.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 32  # nesting of free-form values (`MoRong`, `payload`); the client's are a few levels deep


def refuse_nul(value: Any, depth: int = 0) -> None:
    """NUL characters, lone UTF-16 surrogates ("\\ud800" in the JSON), NaN and infinite numbers, and
    values nested deeper than MAX_DEPTH are refused: no database stores the first ones (a surrogate made
    the server answer 500), and a nest of hundreds of levels could not be written back (a 500 too).
    A dict or list is first checked at once (`clean_at_once`); only one that may hold something refused is walked
    value by value (`walk`), which says what it is."""
    if isinstance(value, dict | list) and clean_at_once(value, depth):
        return
    walk(value, depth)


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False)
_STRING = re.compile(r'"[^"]*"')  # a JSON string once its escaped backslashes and quotes are taken out
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


def clean_at_once(value: dict[Any, Any] | list[Any], depth: int) -> bool:
    """Whether `value` (at `depth`) certainly holds nothing `walk` refuses, checked on its JSON text (a
    pull page holds some 100,000 values: walking each in Python was most of the time of a first pull):
    NaN and infinities make the C encoder raise (keys too), a NUL comes out escaped as `\\u0000`, a lone
    surrogate will not encode as UTF-8, and the containers are nested no deeper than the brackets of the
    text outside its strings. False also when unsure (a value JSON does not know, a backslash before
    `u0000`, an empty container at the last level): the caller then walks it."""
    try:
        text = _ENCODER.encode(value)
    except (ValueError, TypeError, RecursionError):
        return False
    if "\\u0000" in text:
        return False
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return depth + _nesting(text) <= MAX_DEPTH


def _nesting(text: str) -> int:
    """How deep the containers of a JSON text nest (1: a dict or list holding no other)."""
    bare = _NOT_BRACKET.sub("", _STRING.sub("", text.replace("\\\\", "").replace('\\"', "")))
    levels = 0
    while bare and levels <= MAX_DEPTH:
        bare = _INNERMOST.sub("", bare)
        levels += 1
    return levels if not bare else len(text)  # deeper than any depth allows: no closer count needed


def walk(value: Any, depth: int = 0) -> None:
    """`refuse_nul` value by value."""
    if depth > MAX_DEPTH:
        raise ValueError(f"values nested more than {MAX_DEPTH} levels deep are not allowed")
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("NUL characters are not allowed")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("lone surrogate characters are not allowed") from None
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("NaN and infinite numbers are not allowed")
    elif isinstance(value, dict):
        for key, item in value.items():
            walk(key, depth + 1)
            walk(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            walk(item, depth + 1)
