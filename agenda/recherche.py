"""Indexeur de recherche des sessions publiées des formats qui ne les indexent pas eux-mêmes
(ateliers, co-développement, étapes de parcours, sessions de formation…), déclaré auprès du
registre de ``ressources``. Les webinaires ont leur propre indexeur (avec leurs quatre temps)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressources.recherche import Document, indexeur

from . import registre
from .enums import StatutSession
from .models import Session


def _documents(ids):
    sessions = (
        Session.objects.filter(statut=StatutSession.PUBLIE)
        .exclude(format__slug__in=registre.formats_a_recherche_propre())
        .select_related("format", "parent")
    )
    if ids is not None:
        sessions = sessions.filter(pk__in=[i for i in ids if i.isdigit()])
    sessions = list(sessions)
    fiches = registre.fiches(sessions)
    for session in sessions:
        texte = [session.description, session.lieu]
        if session.parent_id:
            texte.append(session.parent.titre)
        yield Document(
            objet_id=session.pk,
            titre=session.titre,
            url=fiches[session.pk].url,
            texte="\n".join(t for t in texte if t),
            formats=[session.format.slug],
            annee=timezone.localtime(session.debut).year,
        )


indexeur(
    genre="session",
    libelle=_("Sessions"),
    modele="agenda.session",
    documents=_documents,
    ordre=45,
)
