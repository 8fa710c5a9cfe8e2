"""Données de démonstration : le cycle historique 2020–2021 et un cycle en cours."""

from datetime import date

from django.dispatch import receiver
from django.utils import timezone

from agenda import services as agenda
from envois import listes
from envois.enums import StatutAbonnement
from envois.models import Abonnement
from programme.demo import demo_chargee
from programme.models import Format, ModeleSocioEconomique, Partenaire, ProgrammeRecherche

from . import services
from .enums import Temps
from .mails import LISTE_ANNONCES
from .models import Intervenant, Sequence

THEMES = [
    ("Les modèles socio-économiques : de quoi parle-t-on ?", ["M1", "M2"]),
    ("Mobiliser les richesses humaines", ["M1"]),
    ("Diversifier ses ressources financières", ["M2", "M4", "M6"]),
    ("Les alliances et partenariats", ["M6", "M7"]),
    ("Opérateur de politique publique : atouts et limites", ["M3"]),
    ("Subventions publiques et trésorerie", ["M4"]),
    ("L'abondement et les fonds internationaux", ["M5"]),
    ("Mécénat et générosité du public", ["M6"]),
    ("Le modèle mutualisé", ["M7"]),
    ("Piloter la transformation de son modèle", ["M2", "M4"]),
    ("Hybrider ses ressources", ["M2", "M6"]),
    ("Évaluer son utilité sociale", ["M3", "M4"]),
    ("Bilan du cycle et perspectives", ["M1", "M7"]),
]


def _debut_cycle_courant(aujourdhui: date) -> date:
    """Le cycle court d'octobre à octobre."""
    annee = aujourdhui.year if aujourdhui.month >= 10 else aujourdhui.year - 1
    return date(annee, 10, 1)


def _habiller(webinaires, *, prefixe: str, intervenants, partenaires, programmes):
    modeles = {m.code: m for m in ModeleSocioEconomique.objects.all()}
    webinaires_format = Format.objects.filter(slug="webinaires")
    for index, webinaire in enumerate(webinaires):
        theme, codes = THEMES[index % len(THEMES)]
        session = webinaire.session
        session.titre = f"{prefixe}{theme}"
        session.lien_visio = "https://visio.lerameau.example/webinaire-demo"
        session.save()
        webinaire.theme = theme
        webinaire.resume = (
            "Un éclairage, le témoignage d'un acteur de terrain, vos questions et des "
            "ressources pour s'informer, se former et agir."
        )
        if webinaire.est_passe:
            webinaire.lien_replay = (
                webinaire.lien_replay or "https://videos.lerameau.example/replay"
            )
            webinaire.replay_publie_le = webinaire.replay_publie_le or webinaire.fin
            webinaire.ressources = (
                "Référentiel « Modèles socio-économiques d'intérêt général » (Dalloz) | "
                "https://www.lerameau.fr\nFiche repère « modèles socio-économiques » | "
                "https://www.lerameau.fr"
            )
        webinaire.save()
        webinaire.partenaires.set(partenaires)
        webinaire.programmes_recherche.set(programmes[index % len(programmes) :][:1])
        webinaire.modeles.set([modeles[c] for c in codes if c in modeles])
        webinaire.formats.set(webinaires_format)
        contenus = {
            Temps.ECLAIRAGE: (theme, intervenants[0]),
            Temps.TEMOIGNAGE: ("Retour d'expérience d'une association", intervenants[1]),
            Temps.QUESTIONS: ("Vos questions", None),
            Temps.RESSOURCES: ("Pour aller plus loin", None),
        }
        for sequence in Sequence.objects.filter(webinaire=webinaire):
            titre, personne = contenus[sequence.temps]
            sequence.titre = titre
            sequence.save(update_fields=["titre"])
            if personne:
                sequence.intervenants.set([personne])


@receiver(demo_chargee, dispatch_uid="webinaires_demo")
def charger_demo(sender, organisation=None, membre=None, **kwargs) -> list[str]:
    intervenants = [
        Intervenant.objects.get_or_create(
            nom="[Démo] Claire Dubois",
            defaults={"role": "Directrice de la recherche", "organisation": "Le RAMEAU"},
        )[0],
        Intervenant.objects.get_or_create(
            nom="[Démo] Karim Benali",
            defaults={"role": "Délégué général", "organisation": "Association de quartier"},
        )[0],
    ]
    partenaires = list(Partenaire.objects.filter(code__in=["le-rameau", "isbl"]))
    programmes = list(ProgrammeRecherche.objects.all()) or [None]
    programmes = [p for p in programmes if p]
    # La démonstration montre des webinaires en ligne : ses cycles sont publiés d'emblée.
    bilan = services.cycle_creer(
        debut=date(2020, 10, 1),
        fin=date(2021, 10, 1),
        titre="[Démo] Cycle 2020–2021",
        publier=True,
    )
    historique, anciens = bilan.cycle, bilan.webinaires
    _habiller(
        anciens,
        prefixe="[Démo] ",
        intervenants=intervenants,
        partenaires=partenaires,
        programmes=programmes or [],
    )
    debut = _debut_cycle_courant(timezone.localdate())
    bilan = services.cycle_creer(
        debut=debut,
        fin=date(debut.year + 1, 10, 1),
        titre=f"[Démo] Cycle {debut.year}–{debut.year + 1}",
        publier=True,
    )
    courant, webinaires = bilan.cycle, bilan.webinaires
    _habiller(
        webinaires,
        prefixe="[Démo] ",
        intervenants=intervenants,
        partenaires=partenaires,
        programmes=programmes or [],
    )
    lignes = [
        f"webinaires : {historique.titre} ({len(anciens)}) et {courant.titre} ({len(webinaires)})"
    ]
    prochain = next((w for w in webinaires if not w.est_passe), None)
    if membre is not None and prochain is not None:
        agenda.inscription_creer(
            session=prochain.session,
            nom=membre.nom or membre.email,
            email=membre.email,
            organisation=organisation.nom if organisation else "",
            utilisateur=membre,
        )
        Abonnement.objects.update_or_create(
            liste=listes.liste_par_code(LISTE_ANNONCES),
            email=membre.email,
            defaults={"statut": StatutAbonnement.CONFIRME, "confirme_le": timezone.now()},
        )
        lignes.append(f"webinaires : {membre.email} inscrit·e au « {prochain.titre} »")
    isbl = Partenaire.objects.filter(code="isbl").first()
    if isbl and not isbl.origines_integration:
        # Origine locale de démonstration, pour essayer le widget depuis un fichier servi à part.
        isbl.origines_integration = "http://127.0.0.1:8001\nhttp://localhost:8001"
        isbl.save(update_fields=["origines_integration"])
        lignes.append("webinaires : intégration ISBL autorisée depuis http://127.0.0.1:8001")
    return lignes
