"""Work started beside the current process, on the machine's other core, with a result that is the same either way."""

from __future__ import annotations


def in_background(function, *args):
    """function(*args) started in a forked process, so it runs beside the caller on a second core; returns a
    callable that waits for the result. Where fork is unavailable, or the child dies, the work
    is done in this process, so the result is the same either way."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(function, *args)
    except (ValueError, OSError, RuntimeError):
        return lambda: function(*args)

    def result():
        try:
            return future.result()
        except Exception:  # noqa: BLE001 - a child killed or out of memory: do the work here instead
            return function(*args)
        finally:
            pool.shutdown()
    return result
