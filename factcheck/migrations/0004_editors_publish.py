"""Editors publish and withdraw fact-checks; both roles read the publication record."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_publishing(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permission(codename):
        return Permission.objects.get(content_type__app_label="factcheck", codename=codename)

    viewers, _ = Group.objects.get_or_create(name="Viewers")
    viewers.permissions.add(permission("view_publication"))
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(permission("view_publication"), permission("add_publication"))


def revoke_publishing(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    publishing = Permission.objects.filter(
        content_type__app_label="factcheck", codename__in=["view_publication", "add_publication"]
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Viewers"]):
        group.permissions.remove(*publishing)


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0003_publication")]

    operations = [migrations.RunPython(grant_publishing, revoke_publishing)]
