from django import forms
from django.utils.translation import gettext_lazy as _

from programme.enums import DomaineActivite
from programme.models import Organisation
from rameau.fields import AdresseEmailField

from . import selectors
from .enums import Profil


class DemarrerForm(forms.Form):
    profil = forms.ChoiceField(label=_("Vous répondez en tant que"), widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label=_("Rattacher à l'une de mes organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— Aucune —"),
        help_text=_("Ses membres retrouveront ce diagnostic dans « Mon espace »."),
    )
    organisation_nom = forms.CharField(
        label=_("Nom de l'organisation (facultatif)"), max_length=200, required=False
    )
    domaine_activite = forms.ChoiceField(
        label=_("Domaine d'activité (facultatif)"),
        choices=[("", _("— Non précisé —")), *DomaineActivite.choices],
        required=False,
        help_text=_("Sert à vous comparer aux organisations du même domaine."),
    )
    email = AdresseEmailField(
        label=_("Adresse e-mail (facultatif)"),
        required=False,
        help_text=_("Pour recevoir le lien qui permet de reprendre plus tard."),
    )

    def __init__(self, *args, utilisateur=None, **kwargs):
        super().__init__(*args, **kwargs)
        publies = {q.profil for q in selectors.questionnaires_publies()}
        self.fields["profil"].choices = [(v, nom) for v, nom in Profil.choices if v in publies]
        self.fields["profil"].initial = Profil.ASSOCIATION
        if utilisateur is not None and utilisateur.is_authenticated:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                adhesions__utilisateur=utilisateur
            ).order_by("nom")
            self.fields["email"].initial = utilisateur.email
        else:
            del self.fields["organisation"]
