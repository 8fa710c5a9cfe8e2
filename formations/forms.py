from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from agenda.forms import InscriptionForm

from .enums import Niveau, PublicFormation


class FiltreForm(forms.Form):
    """Filtres de la liste des modules (GET, sans JavaScript) ; une valeur inconnue est
    ignorée plutôt que refusée."""

    niveau = forms.TypedChoiceField(
        label=_("Niveau"),
        choices=[("", _("Tous les niveaux")), *Niveau.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    public = forms.ChoiceField(
        label=_("Public"),
        choices=[
            ("", _("Tous les publics")),
            (PublicFormation.FUNDRAISERS, PublicFormation.FUNDRAISERS.label),
            (PublicFormation.GRANTMAKERS, PublicFormation.GRANTMAKERS.label),
        ],
        required=False,
    )

    def filtres(self) -> dict:
        if not self.is_valid():
            valides = {k: self.cleaned_data.get(k) for k in ("niveau", "public")}
            return {k: v for k, v in valides.items() if v}
        return {k: v for k, v in self.cleaned_data.items() if v}


def libelle_session(lien) -> str:
    debut = timezone.localtime(lien.session.debut)
    fin = timezone.localtime(lien.session.fin)
    texte = _("%(date)s, %(debut)s–%(fin)s") % {
        "date": formats.date_format(debut, "l j\\e\\r F Y" if debut.day == 1 else "l j F Y"),
        "debut": debut.strftime("%Hh%M"),
        "fin": fin.strftime("%Hh%M"),
    }
    return f"{texte} · {lien.session.lieu}" if lien.session.lieu else texte


class InscriptionModuleForm(InscriptionForm):
    """L'inscription à une session du module : la session choisie (parmi celles déjà
    chargées, sans requête de plus), puis les champs de l'agenda (nom, adresse,
    organisation, profil, consentement)."""

    field_order = ["session", "nom", "email", "organisation", "profil", "consentement"]

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._sessions = {str(lien.session_id): lien for lien in sessions}
        self.fields["session"] = forms.ChoiceField(
            label=_("Session"),
            choices=[(cle, libelle_session(lien)) for cle, lien in self._sessions.items()],
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Choisissez une session."),
                "invalid_choice": _("Choisissez une des sessions proposées."),
            },
        )
        if len(self._sessions) == 1 and not self.is_bound:
            self.initial.setdefault("session", next(iter(self._sessions)))
        self.order_fields(self.field_order)

    def clean_session(self):
        return self._sessions[self.cleaned_data["session"]].session
