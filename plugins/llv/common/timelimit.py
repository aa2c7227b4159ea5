"""A time limit for work on editors' input that could take forever.

Python-Markdown is quadratic on some inputs (a paragraph of a few thousand
`[` takes minutes, a file of them hours); the build must say so rather than
hang:

    try:
        with time_limit(10):
            html = markdown.convert(text)
    except TooSlow:
        ...

The limit uses SIGALRM, so it applies in the main thread of a POSIX process
(where the build converts); elsewhere the work runs without limit.
"""

from __future__ import annotations

import contextlib
import signal
import threading


class TooSlow(Exception):
    """The work went over its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float):
    if (not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0]):  # a timer is already running
        yield
        return

    def stop(signum, frame):
        raise TooSlow(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
