"""The frozen legacy plugins carry their own tests, run by ``tests/test_legacy_plugins.py`` in a
subprocess with the plugin on the path; the main suite does not collect them itself."""

collect_ignore_glob = ["*"]
