from django import forms
from django.utils.translation import gettext_lazy as _

from rameau.fields import AdresseEmailField


class AbonnementLettreForm(forms.Form):
    email = AdresseEmailField(
        label=_("Adresse e-mail"),
        error_messages={
            "invalid": _("Saisissez une adresse e-mail valide, par ex. nom@exemple.org."),
            "required": _("Indiquez l'adresse e-mail qui recevra la lettre."),
        },
    )
    nom = forms.CharField(label=_("Nom (facultatif)"), max_length=150, required=False)

    def clean_nom(self):
        # Un nom sur une ligne : il finit dans les en-têtes et les e-mails.
        return " ".join(self.cleaned_data["nom"].split())
