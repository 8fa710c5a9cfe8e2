"""Section « Attestations et certificats » du tableau de bord de l'équipe (registre
``rameau.pilotage``) : ce qui a été délivré, mois par mois, et par module."""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rameau import pilotage

from .enums import Nature
from .models import Attestation


@pilotage.section(
    code="attestations",
    titre=gettext_lazy("Attestations et certificats"),
    ordre=40,
    description=gettext_lazy(
        "Attestations de présence et certificats d'aptitude délivrés (mois de l'émission), "
        "révocations comprises, et par module."
    ),
)
def attestations(periode: pilotage.Periode) -> list[pilotage.Tableau]:
    delivrees = Attestation.objects.filter(emise_le__gte=periode.debut, emise_le__lt=periode.fin)
    libelles = {
        Nature.PRESENCE: str(Nature.PRESENCE.label),
        Nature.CERTIFICAT: str(Nature.CERTIFICAT.label),
    }
    revoquees = _("Révoquées")
    mensuel = list(
        delivrees.annotate(mois=TruncMonth("emise_le", tzinfo=pilotage.PARIS))
        .values_list("mois", "nature")
        .annotate(nombre=Count("pk"), revoquees=Count("pk", filter=Q(revoquee_le__isnull=False)))
        .order_by()
    )
    lignes = [(mois, libelles[nature], nombre) for mois, nature, nombre, _r in mensuel]
    lignes += [(mois, revoquees, nombre) for mois, _n, _t, nombre in mensuel]
    colonnes = [*libelles.values(), revoquees]
    par_module = list(
        delivrees.filter(nature=Nature.PRESENCE)
        .values("intitule")
        .annotate(nombre=Count("pk"), valides=Count("pk", filter=Q(revoquee_le__isnull=True)))
        .order_by("-nombre", "intitule")
    )
    return [
        pilotage.Tableau(
            titre=_("Attestations et certificats délivrés par mois"),
            colonnes=[_("Mois"), *colonnes],
            lignes=pilotage.par_mois(periode, lignes, colonnes),
        ),
        pilotage.Tableau(
            titre=_("Attestations de présence par module"),
            colonnes=[_("Module"), _("Délivrées"), _("Valides")],
            lignes=[[m["intitule"], m["nombre"], m["valides"]] for m in par_module],
            graphique="barres",
        ),
    ]
