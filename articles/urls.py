from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_page, name="import_page"),
    path("text/", views.import_pasted, name="import_pasted"),
    path("files/", views.import_files, name="import_files"),
    path("batches/<int:batch_id>/", views.import_batch, name="import_batch"),
    path(
        "batches/<int:batch_id>/analysis/",
        views.run_analysis_again,
        name="run_batch_analysis",
    ),
]
