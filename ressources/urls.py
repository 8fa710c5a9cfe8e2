from django.urls import path, register_converter

from . import views


class FormatExportConverter:
    regex = "bib|ris|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatExportConverter, "export")

app_name = "ressources"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("fiche-repere.pdf", views.fiche_repere, name="fiche_repere"),
    path("travaux/", views.travaux_liste, name="travaux"),
    path("travaux/export.<export:format_>", views.travaux_export, name="travaux_export"),
    path("travaux/<int:pk>/", views.travail_detail, name="travail"),
    path("travaux/<int:pk>/export.<export:format_>", views.travail_export, name="travail_export"),
]
