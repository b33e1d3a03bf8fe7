"""Scanning UI: the scan panel for one document line, the page viewer and the digitised-lines table."""
