"""Section « Abonnés » du tableau de bord de l'équipe (registre ``rameau.pilotage``)."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rameau import pilotage

from .models import Abonnement


@pilotage.section(
    code="abonnes",
    titre=gettext_lazy("Abonnés"),
    ordre=40,
    description=gettext_lazy(
        "Abonnés confirmés de chaque liste en fin de mois, nouveaux abonnés et désabonnements."
    ),
)
def abonnes(periode: pilotage.Periode) -> list[pilotage.Tableau]:
    # Une requête : les abonnements confirmés avant la fin de la période, comptés par liste,
    # mois de confirmation et mois de désabonnement (le cumul se fait ici).
    lignes = list(
        Abonnement.objects.filter(confirme_le__isnull=False, confirme_le__lt=periode.fin)
        .annotate(
            mois_confirme=TruncMonth("confirme_le", tzinfo=pilotage.PARIS),
            mois_desabonne=TruncMonth("desabonne_le", tzinfo=pilotage.PARIS),
        )
        .values_list("liste__nom", "mois_confirme", "mois_desabonne")
        .annotate(nombre=Count("pk"))
        .order_by("liste__nom")
    )
    listes = sorted({nom for nom, *_reste in lignes})
    rangs = {nom: i for i, nom in enumerate(listes)}
    actifs = [[0] * len(listes) for _m in periode.mois]
    flux = [[0, 0] for _m in periode.mois]
    for nom, confirme, desabonne, nombre in lignes:
        debut_c = confirme.astimezone(pilotage.PARIS).date()
        fin_d = desabonne.astimezone(pilotage.PARIS).date() if desabonne else None
        for i, mois in enumerate(periode.mois):
            if debut_c <= mois and (fin_d is None or fin_d > mois):
                actifs[i][rangs[nom]] += nombre
        if (i := periode.index(confirme)) is not None:
            flux[i][0] += nombre
        if (i := periode.index(desabonne)) is not None:
            flux[i][1] += nombre
    return [
        pilotage.Tableau(
            titre=_("Abonnés confirmés par liste (fin de mois)"),
            colonnes=[_("Mois"), *listes],
            lignes=[[m, *v] for m, v in zip(periode.libelles, actifs, strict=True)],
        ),
        pilotage.Tableau(
            titre=_("Nouveaux abonnés et désabonnements"),
            colonnes=[_("Mois"), _("Nouveaux abonnés"), _("Désabonnements")],
            lignes=[[m, *v] for m, v in zip(periode.libelles, flux, strict=True)],
        ),
    ]
