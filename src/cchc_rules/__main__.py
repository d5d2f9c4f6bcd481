"""``python -m cchc_rules`` runs the ``cchc`` command line."""

from cchc_rules.cli.main import entry

entry()
