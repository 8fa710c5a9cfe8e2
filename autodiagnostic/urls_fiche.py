"""Routes de la fiche repère personnalisée (PDF), possédées par le travail sur les fiches."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
