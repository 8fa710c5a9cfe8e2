"""Données de démonstration : les sessions datées des ateliers, du co-développement et d'un
parcours en trois étapes (sessions enfants d'une session « parcours »)."""

from datetime import datetime, time, timedelta

from django.dispatch import receiver
from django.utils import timezone

from programme.demo import demo_chargee
from programme.models import Format

from .models import Session

# (format, titre, dans N jours, heure de début, durée, lieu, étape du parcours)
SESSIONS = [
    (
        "ateliers",
        "Atelier « Diagnostiquer son modèle socio-économique »",
        21,
        time(9, 30),
        timedelta(hours=3),
        "Paris — Le RAMEAU",
    ),
    (
        "co-developpement",
        "Session de co-développement « Diversifier ses ressources »",
        28,
        time(14),
        timedelta(hours=2),
        "En ligne",
    ),
]
PARCOURS = "Parcours « Piloter la transformation de son modèle »"
ETAPES = [
    ("Parcours — étape 1 : cadrage", 35),
    ("Parcours — étape 2 : méthode et application", 63),
    ("Parcours — étape 3 : bilan et appropriation", 91),
]
LIEU = "Paris — Le RAMEAU"


def _debut(dans: int, heure: time) -> datetime:
    jour = timezone.localdate() + timedelta(days=dans)
    return timezone.make_aware(datetime.combine(jour, heure))


@receiver(demo_chargee, dispatch_uid="agenda_demo")
def charger_demo(sender, **kwargs) -> list[str]:
    formats = {f.slug: f for f in Format.objects.all()}
    nombre = 0
    for slug, titre, dans, heure, duree, lieu in SESSIONS:
        if slug in formats:
            debut = _debut(dans, heure)
            Session.objects.update_or_create(
                format=formats[slug],
                titre=f"[Démo] {titre}",
                defaults={"debut": debut, "fin": debut + duree, "lieu": lieu, "capacite": 12},
            )
            nombre += 1
    if "parcours" in formats:
        premier, dernier = _debut(ETAPES[0][1], time(9, 30)), _debut(ETAPES[-1][1], time(9, 30))
        parcours, _ = Session.objects.update_or_create(
            format=formats["parcours"],
            titre=f"[Démo] {PARCOURS}",
            parent=None,
            defaults={
                "debut": premier,
                "fin": dernier + timedelta(hours=7),
                "lieu": LIEU,
                "capacite": 15,
                "description": "Trois journées : cadrage, méthode et application, bilan.",
            },
        )
        for ordre, (titre, dans) in enumerate(ETAPES, start=1):
            debut = _debut(dans, time(9, 30))
            Session.objects.update_or_create(
                format=formats["parcours"],
                titre=f"[Démo] {titre}",
                defaults={
                    "debut": debut,
                    "fin": debut + timedelta(hours=7),
                    "lieu": LIEU,
                    "parent": parcours,
                    "ordre": ordre,
                },
            )
            nombre += 1
    return [f"agenda : {nombre} sessions des formats à venir"]
