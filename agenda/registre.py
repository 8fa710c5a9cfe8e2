"""Ce que les applications d'un format (``webinaires``…) disent de leurs sessions, sans
qu'``agenda`` ne les importe : chacune s'enregistre depuis son ``AppConfig.ready()``.

Une :class:`Presentation` donne, pour un format, la page publique de ses sessions (chargée
pour un lot de sessions en une requête), le libellé d'une session (« Webinaire »), le
gabarit de l'e-mail d'inscription et le nom du fichier ``.ics`` joint, et dit si
l'application envoie elle-même les rappels de ses sessions.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fiche:
    """Comment une session se présente : sa page et son texte (agenda, e-mails)."""

    url: str
    texte: tuple[str, ...] = ()


def _sans_fiche(sessions) -> dict[int, Fiche]:
    return {}


@dataclass(frozen=True)
class Presentation:
    format: str
    libelle: Any
    # (sessions) -> {session.pk: Fiche} ; une requête pour tout le lot.
    fiches: Callable[[list], dict[int, Fiche]] = field(default=_sans_fiche)
    gabarit_inscription: str = "agenda/emails/inscription"
    nom_ics: str = "rendez-vous.ics"
    # L'application envoie elle-même les rappels de ses sessions (webinaires : délais du cycle).
    rappels_propres: bool = False
    # L'application indexe elle-même ses sessions pour la recherche (webinaires : un document
    # par webinaire, avec ses quatre temps) ; sinon ``agenda`` les indexe.
    recherche_propre: bool = False
    # La page de la fiche accepte en POST le formulaire ``agenda.forms.InscriptionForm`` :
    # une autre page (le résultat d'un autodiagnostic) peut y inscrire en une étape.
    inscription_sur_fiche: bool = False


PRESENTATIONS: dict[str, Presentation] = {}


def presentation(**kwargs) -> Presentation:
    objet = Presentation(**kwargs)
    PRESENTATIONS[objet.format] = objet
    return objet


def de(session) -> Presentation | None:
    return PRESENTATIONS.get(session.format.slug)


def formats_a_recherche_propre() -> set[str]:
    return {p.format for p in PRESENTATIONS.values() if p.recherche_propre}


def formats_aux_rappels_propres() -> set[str]:
    return {p.format for p in PRESENTATIONS.values() if p.rappels_propres}


def fiches(sessions: Iterable) -> dict[int, Fiche]:
    """La fiche de chaque session (page du format, ou celle que son application fournit) ;
    une requête par format qui en fournit, aucune sinon."""
    sessions = list(sessions)
    resultat: dict[int, Fiche] = {}
    par_format: dict[str, list] = {}
    for session in sessions:
        par_format.setdefault(session.format.slug, []).append(session)
    for slug, du_format in par_format.items():
        decrit = PRESENTATIONS.get(slug)
        if decrit is not None:
            resultat.update(decrit.fiches(du_format))
    for session in sessions:
        if session.pk not in resultat:
            resultat[session.pk] = Fiche(url=session.url, texte=(session.description,))
    return resultat
