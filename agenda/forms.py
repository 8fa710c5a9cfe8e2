from django import forms
from django.utils.translation import gettext_lazy as _

from programme.enums import Public
from rameau.fields import AdresseEmailField

EMAIL_INVALIDE = _("Saisissez une adresse e-mail valide, par ex. nom@exemple.org.")


class InscriptionForm(forms.Form):
    nom = forms.CharField(label=_("Nom et prénom"), max_length=150)
    email = AdresseEmailField(label=_("Adresse e-mail"), error_messages={"invalid": EMAIL_INVALIDE})
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    profil = forms.ChoiceField(
        label=_("Vous êtes"), choices=Public.choices, initial=Public.ASSOCIATION
    )
    consentement = forms.BooleanField(
        label=_(
            "J'accepte que Le RAMEAU utilise ces informations pour gérer mon inscription "
            "et m'envoyer les rappels de cette session."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour vous inscrire.")},
    )
    relais = forms.CharField(widget=forms.HiddenInput, required=False)
