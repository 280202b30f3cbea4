"""A worker process ends when the process that started it is gone, however that one ended.

Worker processes come from multiprocessing's forkserver, so their parent is the forkserver, not
newsbot. Two checks cover a `kill -9` of newsbot: the kernel's parent-death signal (Linux
`prctl(PR_SET_PDEATHSIG)`) kills the worker when the forkserver goes, and a watcher thread ends the
worker within `CHECK_EVERY_S` once newsbot's own pid is gone (the forkserver then follows on its
own: it exits when the last pipe from newsbot closes).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

CHECK_EVERY_S = 0.5
_PR_SET_PDEATHSIG = 1


def _parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(owner_pid: int, parent_pid: int) -> None:
    while True:
        time.sleep(CHECK_EVERY_S)
        if os.getppid() != parent_pid or not _alive(owner_pid):
            os._exit(0)


def die_with(owner_pid: int) -> None:
    """Call first thing in a worker: it then dies with `owner_pid` (and with its direct parent)."""
    parent_pid = os.getppid()
    _parent_death_signal()
    if os.getppid() != parent_pid:   # the parent died before the signal was armed
        os._exit(0)
    threading.Thread(target=_watch, args=(owner_pid, parent_pid), name="newsbot-lifeline", daemon=True).start()
