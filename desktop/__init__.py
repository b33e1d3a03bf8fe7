"""Một Cửa Desktop: the offline-first client for commune one-stop counters."""

__version__ = "0.1.0"
