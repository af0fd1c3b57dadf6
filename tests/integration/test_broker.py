"""A task goes through each configured broker and runs on an in-process worker:
in-memory always; Redis and RabbitMQ when HERALD_TEST_REDIS_URL / HERALD_TEST_AMQP_URL name
a server (CI sets both)."""

from __future__ import annotations

import asyncio
import os

import pytest
from taskiq.api import run_receiver_task

from engine.broker import make_broker

pytestmark = pytest.mark.integration

URLS = ["memory://"] + [
    url
    for url in (os.environ.get("HERALD_TEST_REDIS_URL"), os.environ.get("HERALD_TEST_AMQP_URL"))
    if url
]


@pytest.mark.parametrize("url", URLS, ids=lambda u: u.split(":", 1)[0])
async def test_a_task_round_trips(url: str):
    # One fixed test queue, so repeated runs do not pile up queues on the servers.
    broker = make_broker(url, queue="herald-test")
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    @broker.task
    async def add(a: int, b: int) -> int:
        done.set_result(a + b)
        return a + b

    # The in-memory broker runs tasks itself; the others need a worker listening, which this
    # process plays too (as `herald worker` would).
    in_memory = url == "memory://"
    broker.is_worker_process = not in_memory
    await broker.startup()
    worker = None if in_memory else asyncio.create_task(run_receiver_task(broker))
    try:
        await add.kiq(2, 3)
        assert await asyncio.wait_for(done, timeout=15) == 5
    finally:
        if worker is not None:
            worker.cancel()
            await asyncio.gather(worker, return_exceptions=True)
        await broker.shutdown()


def test_unknown_scheme_is_refused():
    with pytest.raises(ValueError, match="HERALD_BROKER_URL"):
        make_broker("kafka://x")
