"""Ce que l'agenda montre d'une session de webinaire : sa page, son thème et son résumé
(``.ics``, e-mails, « Mes inscriptions »), le libellé « Webinaire », la pièce jointe
« webinaire.ics » ; les rappels sont ceux du cycle (``webinaires.rappels``)."""

from django.utils.translation import gettext_lazy

from agenda import registre

from .enums import FORMAT
from .models import Webinaire


def fiche(webinaire: Webinaire) -> registre.Fiche:
    return registre.Fiche(
        url=webinaire.get_absolute_url(),
        texte=(webinaire.theme or webinaire.titre, webinaire.resume),
    )


def _fiches(sessions) -> dict[int, registre.Fiche]:
    par_pk = {session.pk: session for session in sessions}
    webinaires = Webinaire.objects.filter(session__in=list(par_pk)).only(
        "slug", "theme", "resume", "session_id"
    )
    resultat = {}
    for webinaire in webinaires:
        webinaire.session = par_pk[webinaire.session_id]  # déjà chargée : pas de requête
        resultat[webinaire.session_id] = fiche(webinaire)
    return resultat


registre.presentation(
    format=FORMAT,
    libelle=gettext_lazy("Webinaire"),
    fiches=_fiches,
    nom_ics="webinaire.ics",
    rappels_propres=True,
    recherche_propre=True,
)
