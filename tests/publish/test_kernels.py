"""Kernel starts hold one machine-wide lock: two starts never choose their ports at the same time."""

import subprocess
import sys
import time

import nbval.kernel

from helpers.publish import kernels


def test_a_second_start_waits_for_the_first(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time; from helpers.publish import kernels\n"
         "with kernels.start_lock():\n    print('held', flush=True); time.sleep(1.5)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    started = time.perf_counter()
    with kernels.start_lock():
        waited = time.perf_counter() - started
    holder.wait(timeout=30)
    assert waited > 0.8, f"the second start did not wait for the first ({waited:.2f} s)"


def test_nbval_kernel_starts_take_the_lock():
    assert getattr(nbval.kernel.start_new_kernel, "_helpers_locked", False), "the root conftest.py wraps nbval's kernel start"
