"""Taking, renewing and releasing leases; taking over the tasks of workers that died."""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks_db.models import DBTaskResult

from .models import TaskLease

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """A task's worker stopped answering while running it, too many times to try again."""


def take_lease(*, task_id: str, worker_id: str) -> TaskLease:
    """The worker that just started the task holds it for one lease's length."""
    now = timezone.now()
    lease, _ = TaskLease.objects.update_or_create(
        task_id=task_id,
        defaults={
            "worker_id": worker_id,
            "taken_at": now,
            "renewed_at": now,
            "expires_at": now + settings.TASK_LEASE,
        },
    )
    return lease


def renew_lease(*, task_id: str, worker_id: str) -> bool:
    """Extend the worker's lease on its task; False if the task is no longer its own
    (its lease ran out and the task was queued again, or it finished)."""
    now = timezone.now()
    renewed = TaskLease.objects.filter(task_id=task_id, worker_id=worker_id).update(
        renewed_at=now, expires_at=now + settings.TASK_LEASE
    )
    return bool(renewed)


def release_lease(*, task_id: str) -> None:
    TaskLease.objects.filter(task_id=task_id).delete()


def abandoned_tasks(now: datetime | None = None):
    """RUNNING tasks whose worker stopped answering: their lease ran out, or they have
    none though they started a lease's length ago."""
    now = now or timezone.now()
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).filter(
        Q(lease__expires_at__lte=now)
        | Q(lease__isnull=True, started_at__lte=now - settings.TASK_LEASE)
    )


def reap_abandoned_tasks() -> list[str]:
    """Queue again every task whose worker stopped answering, so that a live worker
    takes it over; fail one that has lost TASK_MAX_ATTEMPTS workers already, saying
    why, rather than let it take down worker after worker. Returns their ids."""
    return [task.pk for task in abandoned_tasks() if requeue_abandoned(task)]


def requeue_abandoned(task: DBTaskResult, *, by_hand: bool = False) -> bool:
    """Queue the abandoned task again (or fail it, see reap_abandoned_tasks; an editor
    asking by hand is never refused). False if it was not abandoned after all (its
    worker renewed its lease, or someone else took it over first)."""
    attempts = len(task.worker_ids)
    now = timezone.now()
    with transaction.atomic():
        still_abandoned = abandoned_tasks(now).filter(pk=task.pk, started_at=task.started_at)
        lost_since = getattr(TaskLease.objects.filter(task=task).first(), "expires_at", None)
        if attempts >= settings.TASK_MAX_ATTEMPTS and not by_hand:
            failure = WorkerLost(
                f"its worker stopped while running it, {attempts} times (the last "
                f"answered until {local_time(lost_since or task.started_at)}); "
                "it is not tried again by itself"
            )
            changed = still_abandoned.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}: {failure}\n",
            )
        else:
            changed = still_abandoned.update(status=TaskResultStatus.READY)
        if changed:
            TaskLease.objects.filter(task=task).delete()
    if changed:
        logger.warning(
            "Task id=%s lost its worker %s: %s",
            task.pk,
            task.worker_ids[-1] if task.worker_ids else "(none)",
            "failed" if attempts >= settings.TASK_MAX_ATTEMPTS and not by_hand else "queued again",
        )
    return bool(changed)


def local_time(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j M Y, H:i T")
