"""The built-in plugins: rule families and the shipped legal data. Each module is a plugin that
uses only the public API (``from cchc_rules import ...``), exactly as a department's would."""
