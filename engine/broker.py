"""The taskiq broker named by HERALD_BROKER_URL (SPEC §6.1): in-process memory for the
embedded default, a Redis stream (acknowledged) or RabbitMQ when scaled out."""

from __future__ import annotations

from taskiq import AsyncBroker, InMemoryBroker

QUEUE = "herald"


def make_broker(url: str, *, queue: str = QUEUE) -> AsyncBroker:
    if url.startswith("memory://"):
        return InMemoryBroker()
    if url.startswith(("redis://", "rediss://")):
        from taskiq_redis import RedisStreamBroker

        # A stream with a consumer group acknowledges each task after it ran; a worker that
        # dies leaves its messages to be claimed again once the lock times out.
        return RedisStreamBroker(
            url, queue_name=queue, consumer_group_name=queue, unacknowledged_lock_timeout=30
        )
    if url.startswith(("amqp://", "amqps://")):
        from taskiq_aio_pika import AioPikaBroker
        from taskiq_aio_pika.queue import Queue

        return AioPikaBroker(url, task_queues=[Queue(name=queue)])
    raise ValueError("HERALD_BROKER_URL must be memory://, redis://… or amqp://…")
