"""The package version (single source: read by setuptools and by the report)."""

__version__ = "0.1.0"
