"""Démonstration du pilier 4 : un atelier par public du transfert de savoir-faire et le
« Parcours 21 » (AIS 21) en trois étapes, l'an prochain pour qu'il soit réservable."""

from datetime import datetime, time, timedelta

from django.dispatch import receiver
from django.utils import timezone

from agenda.models import Session
from programme.demo import demo_chargee
from programme.enums import Public
from programme.models import Format

from .enums import ATELIERS, PARCOURS

# (public, titre, dans N jours, lieu, description)
ATELIERS_DEMO = [
    (
        Public.TERRITOIRE,
        "Atelier Territoires « Co-construire les alliances de son territoire »",
        24,
        "En ligne",
        "Avec le Réseau des pionniers des alliances en Territoire et le RNMA : cartographier "
        "les acteurs du territoire et les ressources qu'ils peuvent mobiliser ensemble.",
    ),
    (
        Public.TETE_DE_RESEAU,
        "Atelier Têtes de réseau « Accompagner ses membres sur leur modèle »",
        31,
        "Paris — Le RAMEAU",
        "Avec l'ADASI : outiller une fédération pour aider ses membres à diversifier leurs "
        "ressources.",
    ),
    (
        Public.ACCOMPAGNATEUR,
        "Atelier Accompagnateurs « Conseiller une association sur son modèle »",
        38,
        "Paris — Syntec Conseil",
        "Avec Syntec Conseil, pour les conseils volontaires : les sept modèles et les trois "
        "leviers en situation d'accompagnement.",
    ),
]

PARCOURS_TITRE = "Parcours 21 — Accompagner la co-création de la 1ère promotion de l'AIS 21"
PARCOURS_DESCRIPTION = (
    "Le parcours de la 1ère promotion de l'AIS 21 : cadrage, méthode et application, bilan "
    "et appropriation, avec la Croix-Rouge française (CRF)."
)
# (titre, mois, jour, heure, durée, contenu) — les sessions 1 et 2 sont datées dans le
# support de formation (7 juin, 9 juillet) ; la date du cadrage est inférée.
ETAPES_AIS = [
    (
        "Cadrage — contexte et objectifs",
        5,
        17,
        time(14),
        timedelta(hours=2),
        "Enjeux du co-développement ; méthodologie du partenariat stratégique ; analyse sous "
        "trois angles : contexte, objectifs, moyens.",
    ),
    (
        "Session 1 — Méthode et application",
        6,
        7,
        time(9, 30),
        timedelta(hours=7),
        "Expertise et mise en pratique ; méthodologie et acculturation CRF : co-création "
        "(Le RAMEAU), design de service (Weavestone / ONG), mesure d'impact (PHARE), "
        "partenariats et financement, présence en ligne (CRF).",
    ),
    (
        "Session 2 — Bilan et appropriation",
        7,
        9,
        time(9, 30),
        timedelta(hours=7),
        "Éclairage et échange : modèles socio-économiques, rôle de l'investisseur sociétal et "
        "bénévolat ; analyse et retours sur les travaux ; appropriation de la méthode "
        "partenariale avec la CRF ; facteurs de succès et d'échec.",
    ),
]


def _dans(jours: int, heure: time) -> datetime:
    jour = timezone.localdate() + timedelta(days=jours)
    return timezone.make_aware(datetime.combine(jour, heure))


def _annee_reservable() -> int:
    """L'année où le 17 mai est encore à venir (l'an prochain en fin d'année)."""
    aujourd_hui = timezone.localdate()
    return (
        aujourd_hui.year if (aujourd_hui.month, aujourd_hui.day) < (5, 1) else aujourd_hui.year + 1
    )


@receiver(demo_chargee, dispatch_uid="accompagnement_demo")
def charger_demo(sender, **kwargs) -> list[str]:
    formats = {f.slug: f for f in Format.objects.filter(slug__in=[ATELIERS, PARCOURS])}
    if len(formats) < 2:
        return []
    for public, titre, dans, lieu, description in ATELIERS_DEMO:
        debut = _dans(dans, time(9, 30))
        Session.objects.update_or_create(
            format=formats[ATELIERS],
            titre=f"[Démo] {titre}",
            defaults={
                "debut": debut,
                "fin": debut + timedelta(hours=3),
                "lieu": lieu,
                "capacite": 12,
                "publics": [public],
                "description": description,
            },
        )
    annee = _annee_reservable()
    debuts = [
        timezone.make_aware(datetime(annee, mois, jour, heure.hour, heure.minute))
        for _titre, mois, jour, heure, _duree, _contenu in ETAPES_AIS
    ]
    parcours, _ = Session.objects.update_or_create(
        format=formats[PARCOURS],
        titre=f"[Démo] {PARCOURS_TITRE}",
        parent=None,
        defaults={
            "debut": debuts[0],
            "fin": debuts[-1] + ETAPES_AIS[-1][4],
            "lieu": "Paris — Le RAMEAU",
            "capacite": 20,
            "description": PARCOURS_DESCRIPTION,
            "publics": [Public.TETE_DE_RESEAU, Public.ASSOCIATION],
        },
    )
    for ordre, ((titre, _m, _j, _h, duree, contenu), debut) in enumerate(
        zip(ETAPES_AIS, debuts, strict=True), start=1
    ):
        Session.objects.update_or_create(
            format=formats[PARCOURS],
            parent=parcours,
            ordre=ordre,
            defaults={
                "titre": f"[Démo] {titre}",
                "debut": debut,
                "fin": debut + duree,
                "lieu": "Paris — Le RAMEAU",
                "description": contenu,
            },
        )
    return [f"accompagnement : {len(ATELIERS_DEMO)} ateliers (un par public), le Parcours 21"]
