from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import ObjetDemande


class DemandeForm(forms.Form):
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        max_length=254,
        help_text=_("Celle que vous avez donnée en vous inscrivant ou en répondant."),
    )
    objet = forms.ChoiceField(
        label=_("Votre demande"),
        choices=ObjetDemande.choices,
        widget=forms.RadioSelect,
        initial=ObjetDemande.EXPORT,
    )


class SuppressionCompteForm(forms.Form):
    mot_de_passe = forms.CharField(
        label=_("Votre mot de passe"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirmation = forms.BooleanField(
        label=_(
            "Je comprends que mon compte et mes données personnelles seront effacés définitivement."
        ),
    )

    def __init__(self, *args, utilisateur, **kwargs):
        super().__init__(*args, **kwargs)
        self.utilisateur = utilisateur

    def clean_mot_de_passe(self):
        mot_de_passe = self.cleaned_data["mot_de_passe"]
        if not self.utilisateur.check_password(mot_de_passe):
            raise forms.ValidationError(_("Mot de passe incorrect."))
        return mot_de_passe
