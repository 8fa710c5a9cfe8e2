from django.urls import path

from . import views
from .urls_fiche import urlpatterns as urlpatterns_fiche

app_name = "autodiagnostic"

urlpatterns: list = [
    path("", views.demarrer, name="demarrer"),
    path("<jeton:jeton>/", views.reprendre, name="reprendre"),
    path("<jeton:jeton>/section/<int:numero>/", views.section, name="section"),
    path("<jeton:jeton>/reponse/<str:code>/", views.reponse, name="reponse"),
    path("<jeton:jeton>/resultat/", views.resultat, name="resultat"),
    path("<jeton:jeton>/resultat.json", views.resultat_json, name="resultat_json"),
    path("<jeton:jeton>/copier/", views.copier, name="copier"),
    path("<jeton:jeton>/retrouver/", views.retrouver, name="retrouver"),
    path("<jeton:jeton>/rattacher/", views.rattacher, name="rattacher"),
]

urlpatterns += urlpatterns_fiche
