"""Differential fuzzing of nodehttp against Node 10 and Node 20 (``make fuzz-diff``).

Modules: :mod:`.generate` (seeded cases), :mod:`.observe` (targets and what is
observed), :mod:`.judge` (Node 10 / Node 20 / nodehttp comparison and the
reference rule), :mod:`.minimise` (delta debugging), :mod:`.fuzz` (the run and
its CLI: ``python -m tests.security.difffuzz --seed N --cases K``).
See docs/fuzzing.md.
"""
