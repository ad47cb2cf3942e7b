"""Outlets get any number of web domains and aliases, and a folded name to match by;
articles record the site that carried them for their outlet (syndication)."""

import re
import unicodedata

import django.db.models.deletion
from django.db import migrations, models


def outlet_key(name):
    # A frozen copy of articles.ingest.outlets.outlet_key, as it was when this ran.
    name = re.sub(r"^(?:[Tt]he\s+|THE\s+|The(?=[A-Z]))", "", name.strip())
    decomposed = unicodedata.normalize("NFKD", name)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    folded = re.sub(r"\.(?:com|net|org|co\.uk|co|info|news|tv)\b\s*$", "", folded.strip())
    return re.sub(r"[\W_]+", "", folded)


def move_domains(apps, schema_editor):
    Outlet = apps.get_model("articles", "Outlet")
    OutletDomain = apps.get_model("articles", "OutletDomain")
    taken = set()
    for outlet in Outlet.objects.order_by("pk"):
        outlet.key = outlet_key(outlet.name)
        domain = outlet.domain.strip().lower().removeprefix("www.")
        if domain and domain not in taken:
            taken.add(domain)
            OutletDomain.objects.create(outlet=outlet, domain=domain)
            if not outlet.homepage:
                outlet.homepage = f"https://{domain}/"
        outlet.save(update_fields=["key", "homepage"])


def restore_domains(apps, schema_editor):
    Outlet = apps.get_model("articles", "Outlet")
    for outlet in Outlet.objects.prefetch_related("domains"):
        first = min((domain.domain for domain in outlet.domains.all()), default="")
        if first:
            outlet.domain = first
            outlet.save(update_fields=["domain"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_editors_may_import"),
    ]

    operations = [
        migrations.AddField(
            model_name="outlet",
            name="key",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text="The name folded for matching: case, accents, 'The' and punctuation aside.",
                max_length=200,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="article",
            name="via",
            field=models.CharField(
                blank=True,
                help_text="The site that carried this article for its outlet, such as a newspaper running wire copy; the outlet is who wrote it.",
                max_length=200,
                verbose_name="published via",
            ),
        ),
        migrations.CreateModel(
            name="OutletAlias",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200)),
                ("key", models.CharField(editable=False, max_length=200, unique=True)),
                (
                    "outlet",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="articles.outlet",
                    ),
                ),
            ],
            options={"verbose_name_plural": "outlet aliases", "ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="OutletDomain",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "domain",
                    models.CharField(
                        help_text="Such as example.com, without www.", max_length=253, unique=True
                    ),
                ),
                (
                    "outlet",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="domains",
                        to="articles.outlet",
                    ),
                ),
            ],
            options={"ordering": ["domain"]},
        ),
        migrations.RunPython(move_domains, restore_domains),
        migrations.RemoveField(model_name="outlet", name="domain"),
    ]
