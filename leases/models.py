"""Leases on running tasks: which worker runs a task, and until when it answers for it.

django-tasks-db marks a task RUNNING when a worker takes it and nothing more: if
that worker is killed, the task stays RUNNING for ever and no other worker takes
it. Here a running task holds a lease that its worker renews while it lives
(leases.heartbeats); a lease that runs out means the worker is gone, and the task
is queued again or, after too many lost workers, failed with the reason
(leases.services.reap_abandoned_tasks). A task whose lease is current is never
given to a second worker, however long it runs.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.tasks import TaskResult, TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


class TaskLease(models.Model):
    task = models.OneToOneField(
        DBTaskResult, on_delete=models.CASCADE, primary_key=True, related_name="lease"
    )
    worker_id = models.CharField(max_length=64, help_text="The worker running the task.")
    taken_at = models.DateTimeField(default=timezone.now)
    renewed_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(
        db_index=True, help_text="Past this without a renewal, its worker is taken to be gone."
    )

    def __str__(self) -> str:
        return f"task {self.task_id} held by worker {self.worker_id}"


def worker_lost_at(task: TaskResult) -> datetime | None:
    """When a RUNNING task's worker stopped answering: its lease ran out (or it never
    took one, though it started a lease's length ago). None while it is alive."""
    if task.status != TaskResultStatus.RUNNING:
        return None
    lease = TaskLease.objects.filter(task_id=task.id).first()
    if lease is not None:
        return lease.expires_at if lease.expires_at <= timezone.now() else None
    started = task.started_at or task.enqueued_at
    silent_since = started + settings.TASK_LEASE
    return silent_since if silent_since <= timezone.now() else None
