"""``python -m cchc_rules`` runs the ``cchc`` command line."""

from cchc_rules.cli.main import main

raise SystemExit(main())
