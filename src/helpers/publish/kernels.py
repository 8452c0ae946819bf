"""Starting Jupyter kernels one at a time, across processes and threads.

jupyter_client gives a new kernel its five TCP ports by binding port 0, reading
the number the system chose and releasing it; the kernel binds the ports a
moment later. Two kernels started at the same moment, by two pytest workers or
by ``make run``'s parallel threads, can be handed the same free port, and one of
them dies before replying to ``kernel_info``. Holding one file lock from the
choice of ports until the kernel has answered closes that window: the next
kernel's ports are chosen only once the previous kernel holds its own.

nbval's kernel start is wrapped in the root ``conftest.py``; ``helpers.publish.execute``
and ``helpers.publish.grade`` start their kernels with :func:`start`, inside :func:`start_lock`.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from helpers.errors import HelpersError

LOCK_PATH = Path(tempfile.gettempdir()) / "helpers-kernel-start.lock"
# A kernel normally answers within a few seconds; a start that holds the lock longer than this has hung.
LOCK_TIMEOUT_SECONDS = 300


@contextmanager
def start_lock(timeout: float = LOCK_TIMEOUT_SECONDS):
    """Hold the machine-wide kernel-start lock while a kernel is started and answers ``kernel_info``."""
    lock = FileLock(str(LOCK_PATH), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise HelpersError(
            f"waited {timeout:.0f} s for another kernel to start (lock {LOCK_PATH}); "
            "a process may be stuck starting one"
        ) from None
    try:
        yield
    finally:
        lock.release()


def start(client, env: dict, **launch) -> None:
    """Start ``client``'s kernel (an nbclient ``NotebookClient``) with ``env``, under the start lock, and connect to
    it; ``launch`` goes to the kernel's launch (e.g. ``stderr``). The caller shuts it down
    (``client._cleanup_kernel()``)."""
    with start_lock():
        client.km = client.create_kernel_manager()
        client.start_new_kernel(env=env, **launch)
        client.start_new_kernel_client()


# The project's kernel, for a JupyterLab installed anywhere: it runs this environment's Python, so `import helpers`
# works.
KERNEL_NAME = "great-rotation"
KERNEL_DISPLAY_NAME = "Python (The Great Rotation)"


def register(user: bool = True, prefix: str | None = None) -> Path:
    """Register this environment's Python as the Jupyter kernel :data:`KERNEL_NAME`: for the user (``user``, where
    a JupyterLab installed elsewhere finds it), or under ``prefix``. Returns the kernel's folder."""
    from ipykernel.kernelspec import install  # its kernel.json names this interpreter (sys.executable)

    where = install(
        user=user and prefix is None, prefix=prefix, kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME
    )
    return Path(where)
