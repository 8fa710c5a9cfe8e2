"""Montants, durées et dates en français pour les pages et les PDF du pilier 3."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()

ESPACE = "\u00a0"  # espace insécable : « 1 200,00 € » ne se coupe pas en fin de ligne


def euros(montant) -> str:
    """« 1 200,00 € » (groupes de trois chiffres, virgule décimale, espaces insécables)."""
    valeur = Decimal(montant).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    signe = "-" if valeur < 0 else ""
    entiers, decimales = f"{abs(valeur):.2f}".split(".")
    groupes = []
    while entiers:
        groupes.insert(0, entiers[-3:])
        entiers = entiers[:-3]
    return f"{signe}{ESPACE.join(groupes)},{decimales}{ESPACE}€"


@register.filter(name="euros")
def filtre_euros(montant) -> str:
    return "" if montant in (None, "") else euros(montant)


@register.filter
def prix(module) -> str:
    return _("Gratuit") if module.gratuit else euros(module.prix)


@register.filter
def heures(valeur) -> str:
    """« 14 h », « 3,5 h »."""
    if valeur in (None, ""):
        return ""
    nombre = Decimal(valeur).normalize()
    texte = f"{nombre:f}".replace(".", ",")
    return f"{texte}{ESPACE}h"


@register.filter
def date_longue(moment) -> str:
    """« 1er décembre 2026 », « 15 janvier 2027 » (heure de Paris)."""
    if not moment:
        return ""
    jour = timezone.localtime(moment).date() if isinstance(moment, datetime) else moment
    if not isinstance(jour, date):
        return ""
    return formats.date_format(jour, "j\\e\\r F Y" if jour.day == 1 else "j F Y")


@register.filter
def places_restantes(lien) -> int:
    """Places libres d'une session de module (annotée ``nb_confirmes``)."""
    return max(lien.session.capacite - getattr(lien, "nb_confirmes", 0), 0)
