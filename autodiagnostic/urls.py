from django.urls import path

from . import views
from .urls_fiche import urlpatterns as urlpatterns_fiche

app_name = "autodiagnostic"

urlpatterns: list = [
    path("", views.demarrer, name="demarrer"),
    path("<str:jeton>/", views.reprendre, name="reprendre"),
    path("<str:jeton>/section/<int:numero>/", views.section, name="section"),
    path("<str:jeton>/reponse/<str:code>/", views.reponse, name="reponse"),
    path("<str:jeton>/resultat/", views.resultat, name="resultat"),
    path("<str:jeton>/resultat.json", views.resultat_json, name="resultat_json"),
    path("<str:jeton>/copier/", views.copier, name="copier"),
]

urlpatterns += urlpatterns_fiche
