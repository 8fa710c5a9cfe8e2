"""Validation des identifiants d'organisations (RNA, SIREN, département)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RNA_RE = re.compile(r"^W\d{9}$")
SIREN_RE = re.compile(r"^\d{9}$")
DEPARTEMENT_RE = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$")


def luhn_valide(chiffres: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(chiffres)):
        n = int(c)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def valider_rna(valeur: str) -> None:
    if not RNA_RE.match(valeur):
        raise ValidationError(
            _("Le numéro RNA s'écrit W suivi de 9 chiffres (ex. W751234567)."), code="rna"
        )


def valider_siren(valeur: str) -> None:
    if not SIREN_RE.match(valeur):
        raise ValidationError(_("Le SIREN compte exactement 9 chiffres."), code="siren")
    if not luhn_valide(valeur):
        raise ValidationError(
            _("Ce SIREN n'est pas valide (clé de contrôle incorrecte)."), code="siren_cle"
        )


def valider_departement(valeur: str) -> None:
    if not DEPARTEMENT_RE.match(valeur):
        raise ValidationError(
            _("Indiquez un numéro de département (ex. 75, 2A, 974)."), code="departement"
        )
