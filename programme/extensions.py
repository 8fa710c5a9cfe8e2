"""Points d'extension : les autres applications y ajoutent leurs blocs sans que ``programme``
ne dépende d'elles (les dépendances vont dans un seul sens).

Une section est une fonction ``(request) -> dict | None`` ; le dictionnaire contient
``gabarit`` (le gabarit à inclure) et le contexte qu'il attend. ``None`` masque la section.
"""

from collections.abc import Callable

Section = Callable[..., dict | None]

SECTIONS_ESPACE: list[Section] = []
SECTIONS_ACCUEIL: list[Section] = []


def section_espace(fonction: Section) -> Section:
    """Ajoute une section à « Mon espace » (diagnostics, inscriptions…)."""
    SECTIONS_ESPACE.append(fonction)
    return fonction


def section_accueil(fonction: Section) -> Section:
    """Ajoute un bloc à la page d'accueil (prochain webinaire…)."""
    SECTIONS_ACCUEIL.append(fonction)
    return fonction


def rendre(sections: list[Section], request) -> list[dict]:
    return [bloc for bloc in (section(request) for section in sections) if bloc]
