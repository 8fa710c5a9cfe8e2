"""Ce que l'agenda montre d'une session de module : la page du module, son accroche
(``.ics``, e-mails, « Mes inscriptions »), le libellé « Formation AFF » et la pièce jointe
« formation.ics ». Les rappels J-1 et H-1 sont ceux de l'agenda."""

from django.utils.translation import gettext_lazy

from agenda import registre

from .enums import FORMAT
from .models import SessionModule


def _fiches(sessions) -> dict[int, registre.Fiche]:
    liens = SessionModule.objects.filter(session__in=[s.pk for s in sessions]).select_related(
        "module"
    )
    return {
        lien.session_id: registre.Fiche(
            url=lien.module.get_absolute_url(), texte=(lien.module.titre, lien.module.accroche)
        )
        for lien in liens
    }


registre.presentation(
    format=FORMAT,
    libelle=gettext_lazy("Formation AFF"),
    fiches=_fiches,
    nom_ics="formation.ics",
)
