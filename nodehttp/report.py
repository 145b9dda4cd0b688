"""How an uncaught error is reported (Node's ``internal/process/execution``
fatal-exception path, in Python's shape), and where an error was created.

Node prints an uncaught error as ``TypeError [ERR_INVALID_CHAR]: message``
followed by the stack from where the error object was *created*, and, for an
unhandled ``'error'`` event, which object emitted it.  Python prints the
traceback of where it was *raised*.  This module reconciles the two:

- :func:`print_uncaught` prints Python's traceback (through ``sys.excepthook``,
  so a user's hook runs and Python 3.10/3.11 keep their "Did you mean …?"
  hints), with the final line in Node's form for a Node error, followed by
  the notes attached below;
- :func:`note_created_at` (called when a Node error is built) remembers the
  user's frames at creation, shown as "Error created at" when the error is
  raised elsewhere — an error emitted on a later tick, as Node's stack shows
  its creation;
- :func:`note_emitted_by` adds Node 20's "Emitted 'error' event on X
  instance" to an error thrown because nobody listened for ``'error'``.

Invariants: reporting never raises; notes are plain strings in
``__notes__`` (PEP 678), so Python 3.11+ prints them with any traceback and
this module prints them itself on 3.10.
"""

from __future__ import annotations

import inspect
import os
import sys
import traceback
from types import TracebackType
from typing import Any

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_PRINTS_NOTES = sys.version_info >= (3, 11)
_MAX_FRAMES = 12


def _add_note(exc: BaseException, text: str) -> None:
    notes = getattr(exc, "__notes__", None)
    if notes is None:
        try:
            exc.__notes__ = notes = []  # type: ignore[attr-defined]
        except (AttributeError, TypeError):  # pragma: no cover - a frozen exception
            return
    if text not in notes:
        notes.append(text)


def created_stack() -> list[traceback.FrameSummary] | None:
    """The user's frames of the current stack (innermost last), or None when
    the error is being created by the loop itself, with no user code on the
    stack (Node's stack would show only its internals then too).  Cheap: no
    source line is read until the stack is shown."""
    f: Any = inspect.currentframe()
    f = f.f_back.f_back if f is not None and f.f_back is not None else None
    out: list[traceback.FrameSummary] = []
    depth = 0
    while f is not None and depth < 64:
        code = f.f_code
        name = code.co_filename
        if not name.startswith(_PACKAGE_DIR) and not name.startswith("<frozen"):
            out.append(traceback.FrameSummary(name, f.f_lineno, code.co_name,
                                              lookup_line=False))
            if len(out) >= _MAX_FRAMES:
                break
        f = f.f_back
        depth += 1
    if not out:
        return None
    out.reverse()
    return out


def note_created_at(exc: BaseException, frames: list[traceback.FrameSummary] | None) -> None:
    """Attach "Error created at" to *exc* unless its traceback already shows
    those frames (it was raised where it was created)."""
    if not frames:
        return
    tb_frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    shown = {(f.filename, f.lineno) for f in tb_frames}
    if (frames[-1].filename, frames[-1].lineno) in shown:
        return
    text = "".join(traceback.format_list(frames)).rstrip("\n")
    _add_note(exc, "Error created at (most recent call last):\n" + text)


def note_emitted_by(exc: BaseException, emitter: Any) -> None:
    """Node 20: ``Emitted 'error' event on Server instance`` for an unhandled
    ``'error'`` event."""
    _add_note(exc, f"Unhandled 'error' event: emitted on {type(emitter).__name__} instance")


def node_header(exc: BaseException) -> str | None:
    """``TypeError [ERR_X]: message`` for a Node error, else None."""
    code = getattr(exc, "code", None)
    if not isinstance(code, str) or not hasattr(exc, "message"):
        return None
    from .errors import RangeError

    if isinstance(exc, RangeError):
        name = "RangeError"
    elif isinstance(exc, TypeError):
        name = "TypeError"
    else:
        name = "Error"
    return f"{name} [{code}]: {exc}"


def print_uncaught(exc: BaseException) -> None:
    """Print *exc* as an uncaught error, to stderr. Never raises."""
    try:
        from .errors import creation_frames

        note_created_at(exc, creation_frames(exc))
        header = node_header(exc)
        tb: TracebackType | None = exc.__traceback__
        if header is None and sys.excepthook is not sys.__excepthook__:
            sys.excepthook(type(exc), exc, tb)  # the user's hook decides
            return
        if header is None:
            # The interpreter's own display: keeps "Did you mean …?" on 3.10/3.11.
            sys.__excepthook__(type(exc), exc, tb)
            if not _PRINTS_NOTES:
                for note in getattr(exc, "__notes__", ()):
                    sys.stderr.write(f"{note}\n")
            return
        lines = traceback.format_exception(type(exc), exc, tb)
        only = traceback.format_exception_only(type(exc), exc)
        # The last lines name the Python class (then the notes on 3.11+);
        # Node's form names the code.
        notes = list(getattr(exc, "__notes__", ()))
        out = "".join(lines[: len(lines) - len(only)]) + header + "\n" + \
            "".join(f"{n}\n" for n in notes)
        sys.stderr.write(out)
    except Exception:  # pragma: no cover - the report must not fail
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    finally:
        try:
            sys.stderr.flush()
        except (OSError, ValueError):  # pragma: no cover
            pass
