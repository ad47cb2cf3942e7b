from django.apps import AppConfig
from django.urls import register_converter


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Outlets and articles"

    def ready(self):
        from django.db.models import IntegerField

        from .ids import IdConverter, IntegerFieldIn

        # `<id:...>` in every URLconf of the project: a row id, or a 404.
        register_converter(IdConverter, "id")
        IntegerField.register_lookup(IntegerFieldIn)
