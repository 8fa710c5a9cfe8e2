from django.urls import path  # noqa: F401

from .urls_fiche import urlpatterns as urlpatterns_fiche

app_name = "autodiagnostic"

urlpatterns: list = []

urlpatterns += urlpatterns_fiche
