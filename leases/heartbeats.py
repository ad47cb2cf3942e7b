"""The threads that keep leases: a heartbeat beside each running task, renewing its
lease, and in every worker a watch that takes over the tasks of dead workers.

Threads, so that a task busy for minutes in one long computation (a big story's
analysis) still answers for itself; each has its own database connection.
"""

import logging
import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django_tasks_db.backend import TaskResult as DatabaseTaskResult

from . import services

logger = logging.getLogger(__name__)

_beating: dict[str, "Heartbeat"] = {}
_beating_lock = threading.Lock()


def interval() -> float:
    """How often a lease is renewed, and abandoned tasks looked for: four times a lease."""
    return settings.TASK_LEASE.total_seconds() / 4


class Repeating(threading.Thread):
    """Calls beat() every interval() seconds until stopped or beat() returns False."""

    def __init__(self, name: str):
        super().__init__(name=name, daemon=True)
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(interval()):
                try:
                    if self.beat() is False:
                        return
                except DatabaseError:  # a busy or lost database: try again next time
                    logger.warning("%s: the database refused it; trying again", self.name)
        finally:
            connections.close_all()

    def beat(self) -> bool | None:
        raise NotImplementedError

    def stop(self):
        self.stopped.set()


class Heartbeat(Repeating):
    """Renews one running task's lease for as long as its worker lives."""

    def __init__(self, task_id: str, worker_id: str):
        super().__init__(name=f"lease on task {task_id}")
        self.task_id, self.worker_id = task_id, worker_id

    def beat(self) -> bool:
        if services.renew_lease(task_id=self.task_id, worker_id=self.worker_id):
            return True
        logger.warning(
            "Task id=%s is no longer held by worker %s: it was taken to be gone",
            self.task_id,
            self.worker_id,
        )
        return False


class Watch(Repeating):
    """In a worker: queues again the tasks whose worker stopped answering."""

    def __init__(self):
        super().__init__(name="watch for abandoned tasks")

    def beat(self) -> None:
        services.reap_abandoned_tasks()


def start(sender, task_result, **kwargs) -> None:
    """django.tasks' task_started: a database task's worker takes its lease."""
    if not isinstance(task_result, DatabaseTaskResult) or not task_result.worker_ids:
        return
    task_id, worker_id = str(task_result.id), task_result.worker_ids[-1]
    try:
        services.take_lease(task_id=task_id, worker_id=worker_id)
    except DatabaseError:  # the heartbeat cannot renew what was never taken: say so
        logger.exception("Task id=%s: its lease could not be taken", task_id)
        return
    heartbeat = Heartbeat(task_id, worker_id)
    with _beating_lock:
        _beating[task_id] = heartbeat
    heartbeat.start()


def stop(sender, task_result, **kwargs) -> None:
    """django.tasks' task_finished: the heartbeat stops and the lease is given back."""
    if not isinstance(task_result, DatabaseTaskResult):
        return
    task_id = str(task_result.id)
    with _beating_lock:
        heartbeat = _beating.pop(task_id, None)
    if heartbeat is not None:
        heartbeat.stop()
        heartbeat.join()
    try:
        services.release_lease(task_id=task_id)
    except DatabaseError:  # an expired lease of a finished task is never reaped
        logger.exception("Task id=%s: its lease could not be released", task_id)
