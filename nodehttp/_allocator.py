"""The C allocator's settings for streaming bodies (glibc only).

Node never meets this problem: V8 and libuv keep their own buffers.  In
CPython every body chunk is a fresh ``bytes`` object -- httptools' slice of
the read, the chunk framing, the joined echo -- and a chunk of 128 KiB or
more (uvloop reads up to 256 KiB at a time) is, with glibc's defaults,
``mmap``-ed and ``munmap``-ed again, or carved from the heap top and handed
back by ``brk`` trimming.  Either way the kernel maps, zeroes and faults in
every page of every chunk: measured on ``req.pipe(res)`` with a 512 MiB body,
page-fault handling was ~40 % of the server's CPU (perf), 2.3-2.7 CPU
seconds per GiB against Node's 1.1-1.4.

:func:`tune` raises the ``mmap`` threshold to 4 MiB (chunk-sized blocks come
from the heap) and keeps a 4 MiB pad at the heap top (what was freed is
reused, not trimmed and faulted in again): 0.55-0.75 CPU seconds per GiB.
The price is at most ~4 MiB of freed memory the process keeps mapped.

Invariants: it runs once, at ``import nodehttp``; it does nothing off glibc
or when the user set glibc's own malloc variables (``MALLOC_TOP_PAD_``,
``MALLOC_MMAP_THRESHOLD_``, ``MALLOC_TRIM_THRESHOLD_``, or ``glibc.malloc``
tunables): those are the opt-out and win.
"""

from __future__ import annotations

import os
import sys

#: glibc's mallopt() parameters (malloc.h)
M_TOP_PAD = -2
M_MMAP_THRESHOLD = -3
#: the block size below which allocations come from the heap, and the heap-top pad kept
CHUNK_HEAP_LIMIT = 4 << 20
TOP_PAD = 4 << 20

_USER_SETTINGS = ("MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


def tune() -> bool:
    """Set glibc's mmap threshold and top pad for chunk-sized blocks; True if set."""
    if not sys.platform.startswith("linux"):
        return False
    env = os.environ
    if any(k in env for k in _USER_SETTINGS) or "glibc.malloc" in env.get("GLIBC_TUNABLES", ""):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018 -- glibc only (musl has mallopt too, unlike it)
        mallopt = libc.mallopt
    except (OSError, AttributeError, ImportError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, CHUNK_HEAP_LIMIT)) and bool(mallopt(M_TOP_PAD, TOP_PAD))
