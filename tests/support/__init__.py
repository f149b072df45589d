"""Helpers shared by the tests and scripts/bench: site build, local server, browser guards, page helpers,
hypothesis strategies. Not tests themselves: test modules import from here, never from each other."""
