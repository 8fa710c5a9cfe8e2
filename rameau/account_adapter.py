"""Adaptateur d'allauth : les règles de saisie des comptes."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from .fields import EMAIL_TROP_LONG, LONGUEUR_EMAIL


class CompteAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Refuse une adresse de plus de 254 caractères (création de compte, ajout ou
        changement d'adresse) : allauth la tronquerait sans rien dire à l'enregistrement, et
        le lien de confirmation partirait vers une autre adresse."""
        if len(email) > LONGUEUR_EMAIL:
            raise forms.ValidationError(
                EMAIL_TROP_LONG,
                code="max_length",
                params={"limit_value": LONGUEUR_EMAIL, "show_value": len(email)},
            )
        return super().clean_email(email)
