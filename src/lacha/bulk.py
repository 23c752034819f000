"""Building a large ward's rows and records without CPython's cycle collector walking them over and over.

An import of 100,000 households builds some half a million lists, dicts and
rows that all live until the command ends; a snapshot builds 100,000 records.
None of them is garbage, yet CPython's cycle collector runs each time 700 new
containers appear and walks every live one ever more often as the heap grows:
a quarter of the time of a large import (measured: 0.8 s of 4.4 s). Pausing
it while they are built is safe — reference counting still frees everything,
and lacha makes no reference cycles per row — and the collector resumes when
the last pause ends.

In a process that runs one command and ends (the ``lacha`` command line, see
``one_command_process``) what a pause built is also frozen (``gc.freeze``: the
collector no longer looks at it) instead of being walked a few more times
before the command ends, and so is the whole heap at exit.
"""

import atexit
import gc
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0  # pauses under way, in any thread (``lacha import`` reads the file on a thread of its own)
_was_enabled = False
_freeze_after = False  # set by one_command_process()


@contextmanager
def cycle_collector_paused():
    """Pause the cycle collector for the block; nested or concurrent pauses end with the last one."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0:
                if _freeze_after:
                    gc.freeze()
                if _was_enabled:
                    gc.enable()


def one_command_process() -> None:
    """This process runs one command and ends: freeze what each pause built, and the heap at exit (where the
    interpreter's last collections would only walk it, ~0.07 s, to free memory the OS takes back anyway).
    Not for a long-lived process (tests, a library user): frozen reference cycles are never freed."""
    global _freeze_after
    if not _freeze_after:
        _freeze_after = True
        atexit.register(gc.freeze)
