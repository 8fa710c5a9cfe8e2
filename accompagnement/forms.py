from django import forms
from django.utils.translation import gettext_lazy as _

from programme.enums import Public

from .enums import PUBLICS


class FiltreForm(forms.Form):
    """Filtre de la liste par public (formulaire GET, sans JavaScript)."""

    public = forms.ChoiceField(
        label=_("Public"),
        required=False,
        choices=[("", _("Tous les publics"))]
        + [(code, PUBLICS[code]["libelle"]) for code in PUBLICS]
        + [(Public.ASSOCIATION, _("Associations"))],
    )
