"""Run the same request from many threads at once, each on its own database connection."""

import threading

from django.db import connection
from django.test import Client


def post_concurrently(user_and_urls, data=None, *, threads: int = 1):
    """POST each (user, url) `threads` times, all released together by a barrier."""
    jobs = [pair for pair in user_and_urls for _ in range(threads)]
    barrier = threading.Barrier(len(jobs))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def run(user, url):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            statuses.append(client.post(url, data or {}).status_code)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=job) for job in jobs]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not errors, errors
    return statuses
