"""Editors may rename and merge outlets in the workbench: the articles.change_outlet permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def let_editors_manage_outlets(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure this one exists now.
    articles = apps.get_app_config("articles")
    models_module = getattr(articles, "models_module", None)
    articles.models_module = True
    create_permissions(articles, verbosity=0)
    articles.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    may_change = Permission.objects.get(content_type__app_label="articles", codename="change_outlet")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(may_change)


def stop_editors_managing_outlets(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *editors.permissions.filter(content_type__app_label="articles", codename="change_outlet")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_outlet_domains_and_aliases"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(let_editors_manage_outlets, stop_editors_managing_outlets)]
