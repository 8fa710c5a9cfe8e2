"""Le tableau de bord de l'équipe (``/pilotage/``) : il parcourt le registre
``rameau.pilotage`` et n'importe aucune application (chacune y déclare ses sections).

Réservé à l'équipe (``is_staff``) ; la double authentification est imposée à l'équipe sur
toutes les pages par ``rameau.mfa``, donc ici aussi.
"""

from functools import wraps

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import exports, pilotage


class PeriodeForm(forms.Form):
    mois = forms.TypedChoiceField(
        label=_("Période"),
        choices=[(n, _("%(n)s derniers mois") % {"n": n}) for n in pilotage.DUREES_MOIS],
        coerce=int,
        initial=12,
        required=False,
    )

    def periode(self) -> pilotage.Periode:
        nombre = (self.cleaned_data.get("mois") if self.is_valid() else None) or 12
        return pilotage.Periode.derniers_mois(nombre, aujourd_hui=timezone.localdate())


def equipe_seulement(vue):
    @wraps(vue)
    def verifiee(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return vue(request, *args, **kwargs)

    return verifiee


@require_GET
@equipe_seulement
def tableau_de_bord(request):
    form = PeriodeForm(request.GET or {"mois": 12})
    periode = form.periode()
    sections = [
        {"section": s, "tableaux": pilotage.calculer(s.code, periode)} for s in pilotage.sections()
    ]
    return render(
        request,
        "pilotage/tableau_de_bord.html",
        {"form": form, "periode": periode, "sections": sections, "mois": len(periode.mois)},
    )


@require_GET
@equipe_seulement
def export(request, code: str, rang: str, extension: str):
    rang = int(rang)
    periode = PeriodeForm(request.GET or {"mois": 12}).periode()
    tableaux = pilotage.calculer(code, periode)
    if not tableaux or not 1 <= rang <= len(tableaux):
        raise Http404
    tableau = tableaux[rang - 1]
    nom = f"pilotage-{code}-{rang}-{periode.mois[0]:%Y-%m}-{periode.mois[-1]:%Y-%m}.{extension}"
    colonnes = exports.colonnes_de_tableau(tableau.colonnes)
    if extension == "xlsx":
        return exports.reponse_xlsx(
            nom_fichier=nom, colonnes=colonnes, objets=tableau.lignes, nombres=True
        )
    return exports.reponse_csv(nom_fichier=nom, colonnes=colonnes, objets=tableau.lignes)


@require_GET
@equipe_seulement
def export_section(request, code: str):
    """Toute une section en XLSX, une feuille par tableau."""
    periode = PeriodeForm(request.GET or {"mois": 12}).periode()
    tableaux = pilotage.calculer(code, periode)
    if tableaux is None:
        raise Http404
    return exports.reponse_xlsx_feuilles(
        nom_fichier=f"pilotage-{code}-{periode.mois[0]:%Y-%m}-{periode.mois[-1]:%Y-%m}.xlsx",
        feuilles=[(t.titre, exports.colonnes_de_tableau(t.colonnes), t.lignes) for t in tableaux],
    )
