"""Built-in output formats, each registered as a plugin through ``cchc_register_renderers``."""
