from django import forms
from django.utils.translation import gettext_lazy as _

from rameau.fields import AdresseEmailField

EMAIL_INVALIDE = _("Saisissez une adresse e-mail valide, par ex. nom@exemple.org.")


class AbonnementForm(forms.Form):
    email = AdresseEmailField(
        label=_("Adresse e-mail"),
        error_messages={
            "invalid": _("Saisissez une adresse e-mail valide, par ex. nom@exemple.org.")
        },
    )
    nom = forms.CharField(label=_("Nom (facultatif)"), max_length=150, required=False)
