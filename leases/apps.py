from django.apps import AppConfig


class LeasesConfig(AppConfig):
    name = "leases"
    verbose_name = "Task leases"

    def ready(self):
        from django.tasks.signals import task_finished, task_started

        from . import heartbeats

        task_started.connect(heartbeats.start, dispatch_uid="leases.start")
        task_finished.connect(heartbeats.stop, dispatch_uid="leases.stop")
