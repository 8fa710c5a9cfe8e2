"""Section « Diagnostics » du tableau de bord de l'équipe (registre ``rameau.pilotage``)."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rameau import pilotage

from .enums import Modele, Niveau, Profil
from .models import Resultat


@pilotage.section(
    code="diagnostics",
    titre=gettext_lazy("Diagnostics"),
    ordre=10,
    description=gettext_lazy(
        "Diagnostics terminés par mois : modèle dominant, niveau de maturité et profil."
    ),
)
def diagnostics(periode: pilotage.Periode) -> list[pilotage.Tableau]:
    # Une seule requête : un comptage par (mois, modèle, niveau, profil).
    lignes = list(
        Resultat.objects.filter(calcule_le__gte=periode.debut, calcule_le__lt=periode.fin)
        .annotate(mois=TruncMonth("calcule_le", tzinfo=pilotage.PARIS))
        .values_list("mois", "dominant", "niveau", "profil")
        .annotate(nombre=Count("id"))
        .order_by()
    )
    mois = _("Mois")
    return [
        pilotage.Tableau(
            titre=_("Diagnostics terminés par modèle dominant"),
            colonnes=[mois, *Modele.labels],
            lignes=pilotage.par_mois(
                periode, [(m, d, n) for m, d, _n, _p, n in lignes], Modele.values
            ),
        ),
        pilotage.Tableau(
            titre=_("Diagnostics terminés par niveau de maturité"),
            colonnes=[mois, *[str(label) for label in Niveau.labels]],
            lignes=pilotage.par_mois(
                periode, [(m, v, n) for m, _d, v, _p, n in lignes], Niveau.values
            ),
        ),
        pilotage.Tableau(
            titre=_("Diagnostics terminés par profil"),
            colonnes=[mois, *[str(label) for label in Profil.labels]],
            lignes=pilotage.par_mois(
                periode, [(m, p, n) for m, _d, _v, p, n in lignes], Profil.values
            ),
        ),
    ]
