"""Run work in real threads, each on its own database connection, released together."""

import threading

from django.db import close_old_connections, connection


def run_in_threads(count: int, work) -> list:
    """Start `count` threads at once; returns what each returned or raised."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def runner(index: int) -> None:
        close_old_connections()
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
