"""Worker processes leave stopping to their parent: they ignore SIGINT and SIGTERM.

Ctrl-C in a terminal (and `systemctl stop`, by default) signals every process of the service, not
just the main one. A parser worker that died of it would print a KeyboardInterrupt traceback and
fail the feed it was parsing, while the parent is already stopping in order and closes its pool
itself (and a stuck worker is killed with SIGKILL, which nothing ignores).

Only the fork server imports this module, first in its preload list (bot/reader/isolation.py): the
import itself is the point, so the server and every worker it forks start with both ignored. The
main process never imports it.
"""

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
