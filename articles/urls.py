from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_page, name="import_page"),
    path("text/", views.import_pasted, name="import_pasted"),
    path("files/", views.import_files, name="import_files"),
    path("batches/<id:batch_id>/", views.import_batch, name="import_batch"),
    path(
        "batches/<id:batch_id>/analysis/",
        views.run_analysis_again,
        name="run_batch_analysis",
    ),
    path("outlets/", views.outlet_list, name="outlet_list"),
    path("outlets/<id:outlet_id>/", views.outlet_detail, name="outlet_detail"),
    path("outlets/<id:outlet_id>/rename/", views.rename_outlet, name="rename_outlet"),
    path("outlets/<id:outlet_id>/merge/", views.merge_outlet, name="merge_outlet"),
]
