"""python manage.py db_worker: django-tasks-db's worker, keeping leases.

The same command, options and behaviour, plus a watch: at start and every quarter
of TASK_LEASE it queues again the tasks whose worker stopped answering (see
leases.models), so a restarted worker picks up what a killed one left. Each task
it runs keeps a lease through django.tasks' signals (leases.heartbeats). This app
comes before django_tasks_db in INSTALLED_APPS, so this command is the one run.
"""

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from leases import heartbeats, services


class Command(db_worker.Command):
    help = (
        "Run a database background worker; it takes over the tasks of workers that "
        "stopped answering (task leases)"
    )

    def handle(self, *args, **options):
        if abandoned := services.reap_abandoned_tasks():
            self.stdout.write(
                f"{len(abandoned)} task(s) had lost their worker: queued again, "
                f"or failed after {settings.TASK_MAX_ATTEMPTS} lost workers."
            )
        watch = heartbeats.Watch()
        watch.start()
        try:
            super().handle(*args, **options)
        finally:
            watch.stop()
