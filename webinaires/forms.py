from django import forms
from django.utils.translation import gettext_lazy as _

from rameau.fields import AdresseEmailField

from .enums import Profil

EMAIL_INVALIDE = _("Saisissez une adresse e-mail valide, par ex. nom@exemple.org.")


class InscriptionForm(forms.Form):
    nom = forms.CharField(label=_("Nom et prénom"), max_length=150)
    email = AdresseEmailField(
        label=_("Adresse e-mail"),
        error_messages={
            "invalid": _("Saisissez une adresse e-mail valide, par ex. nom@exemple.org.")
        },
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    profil = forms.ChoiceField(
        label=_("Vous êtes"), choices=Profil.choices, initial=Profil.ASSOCIATION
    )
    consentement = forms.BooleanField(
        label=_(
            "J'accepte que Le RAMEAU utilise ces informations pour gérer mon inscription "
            "et m'envoyer les rappels de ce webinaire."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour vous inscrire.")},
    )
    relais = forms.CharField(widget=forms.HiddenInput, required=False)


class AbonnementForm(forms.Form):
    email = AdresseEmailField(
        label=_("Adresse e-mail"),
        error_messages={
            "invalid": _("Saisissez une adresse e-mail valide, par ex. nom@exemple.org.")
        },
    )
    nom = forms.CharField(label=_("Nom (facultatif)"), max_length=150, required=False)
