"""Helpers shared by the tests and scripts/bench: the repository's files, the site's build and local server,
Chromium, the calculator page's contract, hypothesis strategies. Not tests themselves: test modules import
from here, never from each other; fixtures stay in the conftest.py files."""
