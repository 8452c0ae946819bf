"""No network in a grading kernel: every connection to a host other than this machine is refused.

``make grade`` (:mod:`helpers.publish.grade`) starts each student's kernel with :func:`block` run first, so a
notebook that tries to download (``yfinance``, ``urllib``, ``requests``) fails in that cell, with the reason,
instead of grading on other data; the kernel's own channels use this machine's address and are left alone.
:data:`PROXY_ENV` also points the usual proxy variables at a closed local port, for libraries that open
connections outside Python's ``socket`` module (libcurl). It guards against a notebook that downloads by
accident; it is no sandbox against a student who sets out to undo it.

Imports nothing but the standard library: it runs inside a student's kernel.
"""

from __future__ import annotations

import socket

LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost")
# port 9 (discard): nothing listens on it here, so a proxied connection is refused at once
PROXY_ENV = {
    name: "http://127.0.0.1:9"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
}
PROXY_ENV.update({"NO_PROXY": "", "no_proxy": ""})
# run by the kernel before the notebook's first cell (IPython's exec_lines); binds no name in the notebook
KERNEL_LINE = "__import__('helpers.publish.offline', fromlist=['block']).block()"


class NetworkOffError(ConnectionRefusedError):
    """A connection a grading kernel refused: the network is off while a submission is graded."""


def _local(host) -> bool:
    return host is None or str(host) in LOCAL_HOSTS or str(host).startswith("127.")


def _refuse(what: str):
    raise NetworkOffError(f"the network is off while this notebook is graded (tried {what})")


def block() -> None:
    """Refuse, in this process, every connection and name look-up that is not to this machine."""
    if getattr(socket.getaddrinfo, "_helpers_offline", False):
        return

    def guard(method):
        def guarded(self, address):
            if isinstance(address, tuple) and not _local(address[0]):  # a str address is a Unix socket: local
                _refuse(f"to connect to {address!r}")
            return method(self, address)

        return guarded

    getaddrinfo = socket.getaddrinfo

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not _local(host):
            _refuse(f"to look up {host!r}")
        return getaddrinfo(host, *args, **kwargs)

    guarded_getaddrinfo._helpers_offline = True
    socket.socket.connect = guard(socket.socket.connect)
    socket.socket.connect_ex = guard(socket.socket.connect_ex)
    socket.getaddrinfo = guarded_getaddrinfo
