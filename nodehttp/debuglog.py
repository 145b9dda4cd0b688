"""Node's ``util.debuglog(section)`` (``NODE_DEBUG=http,net,...``) and the
library's ``logging`` loggers, in one place.

``NODE_DEBUG`` is read once, at import, as Node reads it at startup: a list
of section names separated by commas or spaces, case-insensitive, ``*`` as a
wildcard (``NODE_DEBUG=http*`` or ``NODE_DEBUG=*``).  A section that matches
writes Node's line to stderr: ``HTTP 12345: message`` (the section upper-cased,
the pid, then ``util.format`` of the arguments).

Independently, every section logs through the standard library: the logger
``nodehttp.<section>`` (children of ``nodehttp``, which has a
``NullHandler``, so nothing is printed unless the application configures
logging).  ``logging.getLogger('nodehttp').setLevel(logging.DEBUG)`` plus a
handler shows the same lines.

Invariants: a disabled section costs one attribute read (``debug.enabled``)
where a caller guards with it, and one call with no formatting otherwise;
the arguments are formatted only for a destination that is enabled.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from typing import Any

__all__ = ["debuglog"]

logging.getLogger("nodehttp").addHandler(logging.NullHandler())


def _pattern(value: str) -> re.Pattern[str] | None:
    names = [n for n in re.split(r"[\s,]+", value.strip()) if n]
    if not names:
        return None
    alts = "|".join(re.escape(n).replace(r"\*", ".*") for n in names)
    return re.compile(f"^(?:{alts})$", re.I)


_NODE_DEBUG = _pattern(os.environ.get("NODE_DEBUG", ""))


class DebugLog:
    """The function ``debuglog(section)`` returns: call it like ``console.error``."""

    __slots__ = ("section", "stderr", "logger")

    def __init__(self, section: str) -> None:
        self.section = section.upper()
        self.stderr = bool(_NODE_DEBUG and _NODE_DEBUG.match(section))
        self.logger = logging.getLogger(f"nodehttp.{section.lower()}")

    @property
    def enabled(self) -> bool:
        """Whether a line would go anywhere (NODE_DEBUG, or the logger at DEBUG)."""
        return self.stderr or self.logger.isEnabledFor(logging.DEBUG)

    def __call__(self, *args: Any) -> None:
        to_log = self.logger.isEnabledFor(logging.DEBUG)
        if not (self.stderr or to_log):
            return
        from .util import format as _format

        message = _format(*args)
        if self.stderr:
            try:
                sys.stderr.write(f"{self.section} {os.getpid()}: {message}\n")
            except (OSError, ValueError):  # pragma: no cover - stderr closed
                pass
        if to_log:
            self.logger.debug(message)


_logs: dict[str, DebugLog] = {}


def debuglog(section: str) -> DebugLog:
    """Node's ``util.debuglog(section)``: a logger for *section* (one per name)."""
    log = _logs.get(section.lower())
    if log is None:
        log = _logs[section.lower()] = DebugLog(section)
    return log
