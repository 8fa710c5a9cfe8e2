"""Démonstration : la fiche repère générique est préparée dès le chargement du jeu de démo."""

from django.dispatch import receiver
from django.urls import reverse

from programme.demo import demo_chargee

from .enums import StatutFiche


@receiver(demo_chargee, dispatch_uid="ressources_demo")
def preparer_fiche_generique(sender, **kwargs) -> list[str]:
    from .models import Ressource
    from .views import demander_fiche_generique

    fiche = demander_fiche_generique()
    fiche.refresh_from_db()
    etat = "prête" if fiche.statut == StatutFiche.PRETE else "en préparation (worker Celery)"
    return [
        f"ressources : {Ressource.objects.filter(publiee=True).count()} publiées sur "
        f"{reverse('ressources:liste')}",
        f"fiche repère générique : {etat} sur {reverse('ressources:fiche_repere')}",
    ]
