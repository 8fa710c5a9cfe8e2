"""Durées écrites et lues en français : « 7 jours », « 1 heure », « 1 jour et 12 heures ».

Django affiche une durée « 7 days, 0:00:00 » et la saisit « 7 00:00:00 » ; l'équipe écrit
plutôt « 7 jours » ou « 1 h 30 ». :func:`lire` accepte les deux écritures.
"""

import re
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_duration
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

MINUTES_PAR_UNITE = {
    "semaine": 7 * 24 * 60,
    "semaines": 7 * 24 * 60,
    "sem": 7 * 24 * 60,
    "jour": 24 * 60,
    "jours": 24 * 60,
    "j": 24 * 60,
    "heure": 60,
    "heures": 60,
    "h": 60,
    "minute": 1,
    "minutes": 1,
    "min": 1,
    "mn": 1,
}
_TERME = re.compile(r"\s*(\d{1,9})\s*([a-z]+)?\.?\s*")


def lire(texte: str) -> timedelta:
    """« 7 jours », « 1 jour et 12 heures », « 1 h 30 », « 90 min » (ou l'écriture de Django,
    « 7 00:00:00 ») → ``timedelta`` ; ``ValueError`` si la durée n'est pas reconnue."""
    brut = texte.strip()
    # L'écriture de Django (« 1 00:00:00 », ISO 8601 « P7D ») ; un nombre seul, lui, compterait
    # des secondes : on exige alors une unité.
    if ":" in brut or brut.upper().startswith("P"):
        duree = parse_duration(brut)
        if duree is None:
            raise ValueError(texte)
        return duree
    reste = re.sub(r"\bet\b|,", " ", brut.lower().replace("\u00a0", " ")).strip()
    position, minutes, unite_precedente = 0, 0, None
    while position < len(reste):
        terme = _TERME.match(reste, position)
        if terme is None:
            raise ValueError(texte)
        nombre, unite = int(terme[1]), terme[2]
        if unite is None:
            # « 1 h 30 » : un nombre sans unité après des heures compte des minutes.
            if unite_precedente != MINUTES_PAR_UNITE["h"]:
                raise ValueError(texte)
            facteur = 1
        elif unite in MINUTES_PAR_UNITE:
            facteur = MINUTES_PAR_UNITE[unite]
        else:
            raise ValueError(texte)
        minutes += nombre * facteur
        unite_precedente = facteur
        position = terme.end()
    if position == 0:
        raise ValueError(texte)
    return timedelta(minutes=minutes)


def ecrire(duree: timedelta) -> str:
    """``timedelta(days=1, hours=12)`` → « 1 jour et 12 heures »."""
    secondes = int(duree.total_seconds())
    if secondes < 0:
        return "-" + ecrire(-duree)
    jours, secondes = divmod(secondes, 24 * 3600)
    heures, secondes = divmod(secondes, 3600)
    minutes, secondes = divmod(secondes, 60)
    parties = [
        ngettext(singulier, pluriel, n) % n
        for n, singulier, pluriel in [
            (jours, "%d jour", "%d jours"),
            (heures, "%d heure", "%d heures"),
            (minutes, "%d minute", "%d minutes"),
            (secondes, "%d seconde", "%d secondes"),
        ]
        if n
    ]
    if not parties:
        return gettext("0 minute")
    if len(parties) == 1:
        return parties[0]
    return gettext("%(debut)s et %(fin)s") % {"debut": ", ".join(parties[:-1]), "fin": parties[-1]}


class ChampDuree(forms.DurationField):
    """Champ de formulaire qui montre et accepte une durée écrite en français."""

    MAXIMUM = timedelta(days=365)
    default_error_messages = {
        "invalid": _(
            "Durée non reconnue : écrivez par exemple « 7 jours », « 1 heure » ou "
            "« 1 jour 12 heures »."
        ),
        "hors_limites": _("La durée doit être comprise entre 1 minute et 365 jours."),
    }

    def __init__(self, **kwargs):
        # Le champ du modèle transmet une aide vide : on la remplace par un exemple.
        kwargs["help_text"] = kwargs.get("help_text") or _(
            "Par exemple « 7 jours », « 1 heure », « 1 jour 12 heures » ou « 1 h 30 »."
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ecrire(value) if isinstance(value, timedelta) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, timedelta):
            return value
        try:
            duree = lire(str(value))
        except (ValueError, OverflowError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not timedelta(minutes=1) <= duree <= self.MAXIMUM:
            raise ValidationError(self.error_messages["hors_limites"], code="hors_limites")
        return duree
