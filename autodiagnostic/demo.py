"""Données de démonstration : deux diagnostics terminés pour l'organisation de démo."""

from datetime import timedelta

from django.dispatch import receiver
from django.utils import timezone

from programme.demo import demo_chargee

from . import services
from .enums import Profil
from .models import Diagnostic, Resultat

REPONSES_DEMO = [
    # Il y a un an : surtout cotisations et bénévolat, maturité en découverte.
    (
        365,
        {
            "ressources.cotisations": 6000,
            "ressources.benevolat": 18000,
            "ressources.subventions": 4000,
        },
        1,
        "decouvrir",
    ),
    # Aujourd'hui : les subventions et la vente de paniers ont pris de la place.
    (
        0,
        {
            "ressources.cotisations": 7000,
            "ressources.benevolat": 20000,
            "ressources.subventions": 15000,
            "ressources.ventes": 9000,
        },
        3,
        "echange_pairs",
    ),
]


@receiver(demo_chargee, dispatch_uid="autodiagnostic_demo")
def charger_demo(sender, organisation, membre, **kwargs) -> list[str]:
    existants = Diagnostic.objects.filter(
        organisation=organisation, organisation_nom__startswith="[Démo]"
    )
    if existants.count() >= len(REPONSES_DEMO):
        return [f"autodiagnostic : {existants.count()} diagnostics de démonstration (déjà là)"]
    existants.delete()
    lignes = []
    for jours, ressources, echelle, besoin in REPONSES_DEMO:
        diagnostic = services.diagnostic_creer(
            profil=Profil.ASSOCIATION,
            organisation=organisation,
            organisation_nom=organisation.nom,
            utilisateur=membre,
            email=membre.email,
        )
        questions = list(diagnostic.questionnaire.questions.prefetch_related("choix"))
        donnees = {q.code: echelle for q in questions if q.type == "echelle"}
        donnees.update(ressources)
        donnees["besoin.prioritaire"] = besoin
        services.reponses_enregistrer(diagnostic=diagnostic, questions=questions, donnees=donnees)
        resultat = services.diagnostic_terminer(diagnostic=diagnostic)
        quand = timezone.now() - timedelta(days=jours)
        Resultat.objects.filter(pk=resultat.pk).update(calcule_le=quand)
        Diagnostic.objects.filter(pk=diagnostic.pk).update(cree_le=quand, termine_le=quand)
        lignes.append(
            f"autodiagnostic : {resultat.libelle}, niveau {resultat.niveau} — "
            f"{diagnostic.get_resultat_url()}"
        )
    return lignes
