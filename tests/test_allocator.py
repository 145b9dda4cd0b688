"""nodehttp/_allocator.py: body-sized blocks are reused, not mapped and faulted in per chunk."""

from __future__ import annotations

import os
import subprocess
import sys

# What a chunked response does per 256 KiB read: httptools' slice, then the framed copy.
CHUNKS = """
import resource, sys
{imports}
def run():
    for _ in range(200):
        a = b'x' * 262144
        b = b'%x\\r\\n%b\\r\\n' % (len(a), a)
        del a, b
run()
f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
run()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0)
"""

def _faults(imports: str, **env: str) -> int:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("MALLOC_") and k != "GLIBC_TUNABLES"}
    out = subprocess.run([sys.executable, "-c", CHUNKS.format(imports=imports)],
                         env={**clean, **env}, capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1])


def test_import_keeps_chunk_sized_blocks_on_the_heap() -> None:
    """After ``import nodehttp`` 200 chunk-sized allocations fault in (almost) no pages;
    with glibc's defaults each of them maps and faults its 64 pages again."""
    assert _faults("") > 200 * 32  # the problem, as glibc's defaults give it
    assert _faults("import nodehttp") < 200


def test_user_malloc_settings_win() -> None:
    """A user's own glibc malloc variable is the opt-out: tune() leaves the allocator alone."""
    code = "from nodehttp._allocator import tune; print(tune())"
    for env in ({"MALLOC_TRIM_THRESHOLD_": "131072"}, {"GLIBC_TUNABLES": "glibc.malloc.top_pad=0"}):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**os.environ, **env}, check=True)
        assert out.stdout.strip() == "False"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")
                              and k != "GLIBC_TUNABLES"}, check=True)
    assert out.stdout.strip() == "True"
