"""Routes de la fiche repère personnalisée (PDF), possédées par le travail sur les fiches."""

from django.urls import path

from . import views_fiche

urlpatterns: list = [
    path("<jeton:jeton>/fiche.pdf", views_fiche.fiche, name="fiche"),
]
