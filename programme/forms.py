from django import forms
from django.utils.translation import gettext_lazy as _

from rameau.fields import AdresseEmailField

from .enums import RoleMembre
from .models import Organisation


class OrganisationForm(forms.ModelForm):
    # Longueurs souples : les espaces saisis (« 732 829 320 ») sont retirés avant validation.
    rna = forms.CharField(
        label=_("Numéro RNA"),
        max_length=20,
        required=False,
        help_text=_("Facultatif : W suivi de 9 chiffres."),
    )
    siren = forms.CharField(
        label=_("SIREN"), max_length=20, required=False, help_text=_("Facultatif : 9 chiffres.")
    )

    class Meta:
        model = Organisation
        fields = [
            "nom",
            "type_acteur",
            "domaine_activite",
            "departement",
            "tranche_budget",
            "nb_salaries",
            "nb_benevoles",
            "rna",
            "siren",
        ]

    def clean_rna(self):
        return self.cleaned_data["rna"].replace(" ", "").upper()

    def clean_siren(self):
        return self.cleaned_data["siren"].replace(" ", "")

    def clean_departement(self):
        return self.cleaned_data["departement"].strip().upper()


class InvitationForm(forms.Form):
    email = AdresseEmailField(label=_("Adresse e-mail de la personne à inviter"))
    role = forms.ChoiceField(label=_("Rôle"), choices=RoleMembre.choices, initial=RoleMembre.MEMBRE)

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if self.organisation.adhesions.filter(utilisateur__email__iexact=email).exists():
            raise forms.ValidationError(_("Cette personne est déjà membre de l'organisation."))
        if self.organisation.invitations.filter(
            email__iexact=email, acceptee_le__isnull=True
        ).exists():
            raise forms.ValidationError(_("Une invitation est déjà en attente pour cette adresse."))
        return email
