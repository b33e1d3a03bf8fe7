"""The release number of both distributions (the counter application and the reference server), read by
their build metadata (pyproject.toml `[tool.hatch.version]`), the installers and `GET /health`."""

__version__ = "0.1.0"
