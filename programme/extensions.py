"""Points d'extension : les autres applications y ajoutent leurs blocs sans que ``programme``
ne dépende d'elles (les dépendances vont dans un seul sens).

Une section est une fonction ``(request) -> dict | None`` ; le dictionnaire contient
``gabarit`` (le gabarit à inclure) et le contexte qu'il attend. ``None`` masque la section.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

Section = Callable[..., dict | None]

SECTIONS_ESPACE: list[Section] = []
SECTIONS_ACCUEIL: list[Section] = []
# Blocs de la page d'un format : ``(request, format) -> dict | None`` (ses prochaines sessions…).
# Précision datée d'un pilier, tirée de ce qui vit dans une autre application (le cycle de
# webinaires en cours pour le pilier 1) : le texte éditorial, lui, ne porte aucune date.
ACTUALITES_PILIERS: dict[int, Callable[[], str | None]] = {}


def section_espace(fonction: Section) -> Section:
    """Ajoute une section à « Mon espace » (diagnostics, inscriptions…)."""
    SECTIONS_ESPACE.append(fonction)
    return fonction


def section_accueil(fonction: Section) -> Section:
    """Ajoute un bloc à la page d'accueil (prochain webinaire…)."""
    SECTIONS_ACCUEIL.append(fonction)
    return fonction


def actualite_pilier(numero: int):
    """Enregistre la fonction ``() -> str | None`` qui date le pilier ``numero``."""

    def enregistrer(fonction: Callable[[], str | None]):
        ACTUALITES_PILIERS[numero] = fonction
        return fonction

    return enregistrer


def avec_actualites(piliers) -> list:
    """Les piliers, chacun avec ``actualite`` (texte ou ``None``)."""
    piliers = list(piliers)
    for pilier in piliers:
        fonction = ACTUALITES_PILIERS.get(pilier.numero)
        pilier.actualite = fonction() if fonction else None
    return piliers


def rendre(sections: list[Section], request) -> list[dict]:
    return [bloc for bloc in (section(request) for section in sections) if bloc]


# Blocs de la page d'un format (travaux académiques sur « Contenus académiques »…) :
# ``(request, format_) -> dict | None``, même forme que les sections ci-dessus.
SECTIONS_FORMAT: list[Callable[..., dict | None]] = []
# Prochaine occasion d'un format sans session datée ni lien (la liste des travaux pour
# « Contenus académiques ») : slug -> ``() -> dict`` (``titre``, ``url``).
OCCASIONS_FORMAT: dict[str, Callable[[], dict | None]] = {}


def section_format(fonction: Callable[..., dict | None]):
    """Ajoute un bloc à la page d'un format."""
    SECTIONS_FORMAT.append(fonction)
    return fonction


def occasion_format(slug: str):
    """Enregistre la « prochaine occasion » d'un format (recommandation de l'autodiagnostic)."""

    def enregistrer(fonction: Callable[[], dict | None]):
        OCCASIONS_FORMAT[slug] = fonction
        return fonction

    return enregistrer


def rendre_format(request, format_) -> list[dict]:
    return [bloc for bloc in (section(request, format_) for section in SECTIONS_FORMAT) if bloc]


# --- Éléments à relayer (kits des relais) ---------------------------------------------------
# Ce qui est à venir (sessions de l'agenda, dont les webinaires, numéros de la lettre…), que
# les kits des relais proposent aux partenaires sans importer l'application qui le fournit.
# Chaque fournisseur est une fonction ``(maintenant, jusqu_a) -> list[ElementARelayer]``.


@dataclass(frozen=True)
class ElementARelayer:
    cle: str  # identifiant stable, sert de ``utm_campaign``
    genre: str  # libellé (« Webinaire », « Atelier », « Lettre du programme »)
    titre: str
    url: str  # chemin ou adresse absolue de la page à relayer
    quand: datetime | None = None
    resume: str = ""
    image: str = ""  # chemin ou adresse de l'image propre à l'élément


FOURNISSEURS_A_RELAYER: list[Callable[[datetime, datetime], list[ElementARelayer]]] = []


def a_relayer(fonction):
    """Enregistre un fournisseur d'éléments à relayer."""
    if fonction not in FOURNISSEURS_A_RELAYER:
        FOURNISSEURS_A_RELAYER.append(fonction)
    return fonction


def elements_a_relayer(maintenant: datetime, jusqu_a: datetime) -> list[ElementARelayer]:
    """Tout ce qui est à relayer entre ``maintenant`` et ``jusqu_a``, le plus proche d'abord."""
    elements = [e for f in FOURNISSEURS_A_RELAYER for e in f(maintenant, jusqu_a)]
    return sorted(elements, key=lambda e: (e.quand is None, e.quand or maintenant, e.cle))
