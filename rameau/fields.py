"""Champs de formulaire partagés par les applications."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Longueur maximale d'une adresse (RFC 5321), celle des colonnes EmailField en base.
LONGUEUR_EMAIL = 254
EMAIL_TROP_LONG = _(
    "Une adresse e-mail compte au plus 254 caractères (celle-ci en compte %(show_value)d)."
)


class AdresseEmailField(forms.EmailField):
    """Adresse e-mail saisie par une personne : au plus 254 caractères, comme en base.

    Le validateur de Django accepte jusqu'à 320 caractères ; au-delà de 254, PostgreSQL
    refuserait l'enregistrement. Le message reste sur le champ, en français.
    """

    default_error_messages = {"max_length": EMAIL_TROP_LONG}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", LONGUEUR_EMAIL)
        super().__init__(**kwargs)
