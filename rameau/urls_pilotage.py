from django.urls import path, re_path

from . import views_pilotage

app_name = "pilotage"

urlpatterns = [
    path("", views_pilotage.tableau_de_bord, name="tableau_de_bord"),
    re_path(
        r"^(?P<code>[a-z0-9_-]{1,40})-(?P<rang>[1-9][0-9]?)\.(?P<extension>csv|xlsx)$",
        views_pilotage.export,
        name="export",
    ),
    re_path(
        r"^(?P<code>[a-z0-9_-]{1,40})\.xlsx$", views_pilotage.export_section, name="export_section"
    ),
]
