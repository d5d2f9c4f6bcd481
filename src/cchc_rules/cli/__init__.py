"""The ``cchc`` command line: thin wrappers over the public API, one module per command group."""
