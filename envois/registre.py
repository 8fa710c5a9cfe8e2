"""Registre des e-mails : chaque application y déclare ses genres d'e-mails et ses
planificateurs depuis son ``AppConfig.ready()`` ; ``envois`` n'importe aucune d'elles.

- Un **genre** dit comment composer le message d'une ligne :class:`~envois.models.Envoi`
  (``composer``), éventuellement après un chargement groupé pour tout un lot (``preparer``),
  et s'il s'agit d'un e-mail de liste (en-têtes List-Id et désabonnement en un clic) ou d'un
  e-mail transactionnel que la personne a demandé (envoyé même à une adresse supprimée).
- Un **planificateur** est appelé par le beat avec ``maintenant`` ; il réserve les lignes
  devenues dues (voir :func:`envois.services.reserver_en_masse`) et renvoie un bilan.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import EmailMessage


class Perime(Exception):
    """Le contenu a changé depuis la réservation (date déplacée…) : ne pas envoyer."""


class Abandonne(Exception):
    """La personne n'est plus destinataire (désinscrite, désabonnée…) : ne pas envoyer."""


@dataclass(frozen=True)
class Genre:
    code: str
    libelle: Any
    # (envoi, préparé, connexion) -> message ; lève Perime ou Abandonne.
    composer: Callable[..., EmailMessage]
    # (envois du lot de ce genre) -> valeur passée à composer (chargements groupés, gabarits).
    preparer: Callable[[list], Any] = field(default=lambda envois: None)
    transactionnel: bool = True
    # Au-delà, un envoi en retard (panne) est noté « manqué » plutôt qu'envoyé hors de propos.
    fenetre: timedelta | None = None


GENRES: dict[str, Genre] = {}
PLANIFICATEURS: list[Callable[[datetime], dict]] = []


def genre(**kwargs) -> Genre:
    objet = Genre(**kwargs)
    GENRES[objet.code] = objet
    return objet


def planificateur(fonction: Callable[[datetime], dict]) -> Callable[[datetime], dict]:
    if fonction not in PLANIFICATEURS:
        PLANIFICATEURS.append(fonction)
    return fonction


def genres(codes: Iterable[str]) -> list[Genre]:
    return [GENRES[code] for code in codes]
