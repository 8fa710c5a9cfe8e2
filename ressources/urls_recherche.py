from django.urls import path

from . import urls as _urls  # noqa: F401 — enregistre le convertisseur « export »
from . import views_recherche

app_name = "recherche"

urlpatterns = [
    path("", views_recherche.rechercher, name="rechercher"),
    path("export.<export:format_>", views_recherche.exporter, name="export"),
]
