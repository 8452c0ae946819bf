"""Kernel starts hold one machine-wide lock: two starts never choose their ports at the same time."""

import subprocess
import sys

import nbval.kernel
import pytest

from helpers.errors import HelpersError
from helpers.publish import kernels

HOLDER = """import sys
from helpers.publish import kernels
with kernels.start_lock():
    print('held', flush=True)
    sys.stdin.readline()  # held until the test says so
print('released', flush=True)
"""


def test_a_second_start_waits_for_the_first():
    """While another process holds the start lock, a start cannot take it (a short timeout runs out, whatever the
    machine's speed); once the holder lets go, it can. No sleep decides the outcome."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(HelpersError, match="waited 0 s for another kernel to start"):
            with kernels.start_lock(timeout=0.2):
                pass
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        with kernels.start_lock(timeout=30):
            pass
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_nbval_kernel_starts_take_the_lock():
    assert getattr(nbval.kernel.start_new_kernel, "_helpers_locked", False), (
        "the root conftest.py wraps nbval's kernel start"
    )
