"""``process``'s facts as Node sets them: argv, execPath, versions, hrtime,
memoryUsage, uptime, umask, chdir errors."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from nodehttp import process


def test_argv_is_execpath_then_the_absolute_script(tmp_path):
    (tmp_path / "s.py").write_text("from nodehttp import process\nprint(process.argv)\n")
    for argv in ([sys.executable, "-m", "nodehttp", "s.py", "a"], [sys.executable, "s.py", "a"]):
        r = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=30)
        assert r.returncode == 0, r.stderr
        assert r.stdout == repr([sys.executable, str(tmp_path / "s.py"), "a"]) + "\n"
    # python -c is node -e: no script in argv.
    r = subprocess.run([sys.executable, "-c", "from nodehttp import process; print(process.argv)",
                        "a"], capture_output=True, text=True, timeout=30)
    assert r.stdout == repr([sys.executable, "a"]) + "\n"


def test_versions_say_what_we_follow_and_what_runs():
    assert process.version == "v10.24.1"
    assert process.versions["node"] == "10.24.1"
    assert {"python", "nodehttp", "uvloop", "httptools"} <= set(process.versions)
    assert process.execPath == sys.executable
    assert process.arch in ("x64", "arm64", "ia32", "arm", "ppc64", "s390x")


def test_hrtime_and_bigint_are_one_monotonic_clock():
    a = process.hrtime.bigint()
    t = process.hrtime()
    d = process.hrtime(t)
    b = process.hrtime.bigint()
    assert a <= t[0] * 10**9 + t[1] <= b
    assert d[0] >= 0 and 0 <= d[1] < 10**9
    with pytest.raises(TypeError) as info:
        process.hrtime([1, 2, 3])
    assert info.value.code == "ERR_INVALID_ARRAY_LENGTH"


def test_memory_usage_and_uptime():
    m = process.memoryUsage()
    assert list(m) == ["rss", "heapTotal", "heapUsed", "external"]
    assert m["rss"] > 0 and 0 < m["heapUsed"] <= m["heapTotal"]
    u = process.uptime()
    assert 0 < u < time.time()  # since the process started, not since the epoch
    assert abs(process.uptime() - u) < 5


def test_umask_reads_without_changing_and_sets_octal_strings():
    old = process.umask()
    try:
        assert process.umask() == old
        assert process.umask("027") == old
        assert process.umask() == 0o27
        with pytest.raises(TypeError) as info:
            process.umask("9x")
        assert info.value.code == "ERR_INVALID_ARG_VALUE"
    finally:
        os.umask(old)


def test_chdir_error_is_nodes(tmp_path):
    missing = str(tmp_path / "missing")
    with pytest.raises(Exception) as info:
        process.chdir(missing)
    e = info.value
    assert (e.code, e.syscall, e.path, e.errno) == ("ENOENT", "chdir", missing, -2)
    assert str(e) == f"ENOENT: no such file or directory, chdir '{missing}'"
    before = process.cwd()
    try:
        process.chdir(str(tmp_path))
        assert process.cwd() == str(tmp_path)
    finally:
        process.chdir(before)
