"""Données de démonstration du pilier 3 : les deux niveaux gratuits en ligne, des modules
AFF pour les fundraisers et pour les grantmakers avec leurs sessions à venir, et une règle de
certificat d'aptitude. Idempotent (relancer ne crée aucun doublon)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.dispatch import receiver
from django.utils import timezone

from agenda.models import Session
from programme.demo import demo_chargee
from programme.models import Format, Levier, ModeleSocioEconomique, Partenaire

from . import contenu
from .enums import FORMAT, Niveau, PublicFormation
from .models import Certificat, Module, SessionModule

PREFIXE = "[Démo] "
MOOC = "https://fr.coursera.org/learn/nouveaux-modeles-economiques-associations"
# Adresse de la plateforme : non donnée par les sources (inferred) — le centre de ressources.
PLATEFORME = "https://modeles-socio-economiques.plateformecapitalisation.org/"

# (slug, titre, niveau, public, accroche, objectifs, programme, durée, prérequis, prix, lien,
#  modèles, leviers, partenaires, sessions : [(dans N jours, heure, durée en heures, lieu)])
MODULES = [
    (
        "innovation-territoriale-en-actions",
        "Plateforme « l'innovation territoriale en actions ! »",
        Niveau.PLATEFORME,
        PublicFormation.TOUS,
        "Découvrir en ligne, à son rythme, les repères des modèles socio-économiques.",
        "Situer son organisation parmi les sept modèles\nRepérer les trois leviers",
        "",
        None,
        "",
        None,
        PLATEFORME,
        ["M1", "M4", "M6"],
        ["richesses-humaines", "ressources-financieres", "alliances-partenariats"],
        [],
        [],
    ),
    (
        "mooc-nouveaux-modeles-economiques",
        "MOOC « Les nouveaux modèles économiques associatifs »",
        Niveau.MOOC,
        PublicFormation.TOUS,
        "Le MOOC développé avec l'ESSEC, en accès libre sur Coursera.",
        "Comprendre la diversité des modèles\nAnalyser la composition de ses ressources",
        "",
        None,
        "",
        None,
        MOOC,
        ["M1", "M2", "M3", "M4", "M5", "M6", "M7"],
        ["ressources-financieres"],
        ["essec"],
        [],
    ),
    (
        "fundraisers-diversifier-ses-ressources",
        "Fundraisers : diversifier les ressources de son organisation",
        Niveau.MODULE_AFF,
        PublicFormation.FUNDRAISERS,
        "Pour les responsables des ressources des organisations bénéficiaires.",
        "Diagnostiquer son modèle socio-économique\nConstruire une stratégie de diversification"
        "\nArgumenter auprès des partenaires privés",
        "Les sept modèles et leurs leviers\nGénérosité du public et mécénat"
        "\nCas pratiques et plan d'action",
        Decimal("14"),
        "Avoir suivi le MOOC ou la plateforme en ligne",
        Decimal("1200"),
        "",
        ["M4", "M6"],
        ["ressources-financieres", "alliances-partenariats"],
        ["aff"],
        [(30, time(9, 30), 7, "Paris — AFF"), (75, time(9, 30), 7, "En ligne")],
    ),
    (
        "grantmakers-accompagner-les-modeles",
        "Grantmakers : accompagner l'évolution des modèles des structures soutenues",
        Niveau.MODULE_AFF,
        PublicFormation.GRANTMAKERS,
        "Pour les responsables des ressources des organisations partenaires.",
        "Lire le modèle socio-économique d'une structure soutenue\n"
        "Concevoir un soutien qui renforce ce modèle",
        "Logiques de financement : membres, activité, tiers\nAlliances et co-construction"
        "\nÉtude de cas",
        Decimal("7"),
        "",
        Decimal("650"),
        "",
        ["M3", "M5", "M7"],
        ["alliances-partenariats"],
        ["aff"],
        [(45, time(14), 3.5, "Paris — Le RAMEAU")],
    ),
]
CERTIFICAT = (
    "certificat-aptitude-modeles-socio-economiques",
    "Certificat d'aptitude « Modèles socio-économiques d'intérêt général »",
    "Délivré après les modules AFF de niveau 3 requis.",
    ["fundraisers-diversifier-ses-ressources"],
)


def _debut(dans: int, heure: time) -> datetime:
    jour = timezone.localdate() + timedelta(days=dans)
    return timezone.make_aware(datetime.combine(jour, heure))


@receiver(demo_chargee, dispatch_uid="formations_demo")
def charger_demo(sender, **kwargs) -> list[str]:
    contenu.charger(apps)
    format_ = Format.objects.get(slug=FORMAT)
    modeles = {m.code: m for m in ModeleSocioEconomique.objects.all()}
    leviers = {levier.slug: levier for levier in Levier.objects.all()}
    partenaires = {p.code: p for p in Partenaire.objects.all()}
    nb_sessions = 0
    for ordre, ligne in enumerate(MODULES, start=1):
        (slug, titre, niveau, public, accroche, objectifs, programme, duree, prerequis, prix,
         lien, codes_modeles, slugs_leviers, codes_partenaires, sessions) = ligne  # fmt: skip
        module, _cree = Module.objects.update_or_create(
            slug=slug,
            defaults={
                "titre": PREFIXE + titre,
                "niveau": niveau,
                "public": public,
                "accroche": accroche,
                "objectifs": objectifs,
                "programme": programme,
                "duree_heures": duree,
                "prerequis": prerequis,
                "prix": prix,
                "lien": lien,
                "ordre": ordre,
                "publie": True,
            },
        )
        module.modeles.set([modeles[c] for c in codes_modeles if c in modeles])
        module.leviers.set([leviers[s] for s in slugs_leviers if s in leviers])
        module.partenaires.set([partenaires[c] for c in codes_partenaires if c in partenaires])
        for rang, (dans, heure, duree_h, lieu) in enumerate(sessions, start=1):
            debut = _debut(dans, heure)
            session, _cree = Session.objects.update_or_create(
                format=format_,
                titre=f"{PREFIXE}{titre} — session {rang}",
                defaults={
                    "debut": debut,
                    "fin": debut + timedelta(hours=duree_h),
                    "lieu": lieu,
                    "capacite": 16,
                    "description": accroche,
                },
            )
            SessionModule.objects.update_or_create(session=session, defaults={"module": module})
            nb_sessions += 1
    slug, titre, description, requis = CERTIFICAT
    certificat, _cree = Certificat.objects.update_or_create(
        slug=slug, defaults={"titre": PREFIXE + titre, "description": description}
    )
    certificat.modules.set(Module.objects.filter(slug__in=requis))
    return [f"formations : {len(MODULES)} modules, {nb_sessions} sessions, 1 certificat"]
