"""Ce que l'agenda montre des sessions du pilier 4 : leur page ici (``/accompagnement/…``),
où l'on s'inscrit en une étape, et leur libellé dans l'agenda et les e-mails. Les pages des
formats Ateliers, Sessions de co-développement et Parcours y mènent par ce registre."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from agenda import registre

from .enums import ATELIERS, CO_DEVELOPPEMENT, PARCOURS


def url_session(session) -> str:
    return reverse("accompagnement:session", args=[session.format.slug, session.pk])


def _fiches(sessions) -> dict[int, registre.Fiche]:
    # Une étape de parcours mène à la page du parcours (on s'inscrit au parcours entier) ;
    # une session à l'inscription externe garde son lien.
    return {
        s.pk: registre.Fiche(
            url=s.lien_inscription
            or reverse("accompagnement:session", args=[s.format.slug, s.parent_id or s.pk]),
            texte=(s.description,),
        )
        for s in sessions
    }


registre.presentation(
    format=ATELIERS,
    libelle=gettext_lazy("Atelier"),
    fiches=_fiches,
    nom_ics="atelier.ics",
    inscription_sur_fiche=True,
)
registre.presentation(
    format=CO_DEVELOPPEMENT,
    libelle=gettext_lazy("Session de co-développement"),
    fiches=_fiches,
    nom_ics="co-developpement.ics",
    inscription_sur_fiche=True,
)
registre.presentation(
    format=PARCOURS,
    libelle=gettext_lazy("Parcours"),
    fiches=_fiches,
    nom_ics="parcours.ics",
    inscription_sur_fiche=True,
)
