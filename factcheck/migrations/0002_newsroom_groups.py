"""The two newsroom roles: Editors record verdicts, Viewers only read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = [
    ("articles", "outlet"),
    ("articles", "story"),
    ("articles", "article"),
    ("factcheck", "claim"),
    ("factcheck", "evidence"),
    ("factcheck", "verdict"),
]
EDITORS_MAY_ALSO = [("factcheck", "add_verdict")]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    reading = [permission(app, f"view_{model}") for app, model in READ]
    viewers, _ = Group.objects.get_or_create(name="Viewers")
    viewers.permissions.add(*reading)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*reading, *(permission(app, code) for app, code in EDITORS_MAY_ALSO))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
