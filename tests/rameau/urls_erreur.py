"""Routes d'essai : une vue qui échoue pour une autre raison qu'une panne de la base."""

from django.urls import path

from rameau.urls import handler500  # noqa: F401 — le gestionnaire d'erreur du projet


def erreur(request):
    raise ValueError("Erreur qui n'est pas une panne de la base.")


urlpatterns = [path("erreur/", erreur)]
