"""The one Argon2 hasher of officers' passwords, for the counter and the reference server alike.

Production cost is argon2-cffi's default (RFC 9106 "low memory": 64 MiB, 3 passes, 4 lanes; about 0.3 s
of CPU per hash or check on a counter PC). `MOTCUA_ARGON2_PROFILE=CHEAPEST` (a name of
`argon2.profiles`) lowers it for test suites, which hash and check passwords thousands of times; hashes
keep their parameters, so a password stored cheaply is re-hashed at today's cost at its next sign-in
(`needs_rehash`) once the variable is gone.
"""

from __future__ import annotations

import os
from functools import cache

import argon2.profiles
from argon2 import PasswordHasher

PROFILE_ENV = "MOTCUA_ARGON2_PROFILE"


@cache
def hasher() -> PasswordHasher:
    name = os.environ.get(PROFILE_ENV, "").strip()
    if not name:
        return PasswordHasher()
    params = getattr(argon2.profiles, name.upper(), None)
    if not isinstance(params, argon2.Parameters):
        raise ValueError(f"{PROFILE_ENV}={name!r} is not a profile of argon2.profiles")
    return PasswordHasher.from_parameters(params)
