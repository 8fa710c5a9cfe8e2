"""Ce que l'agenda dit aux relais : les inscriptions comptées par relais d'origine
(``programme.attribution``) et les sessions à venir à relayer (``programme.extensions``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme import attribution, extensions

from . import registre
from .enums import StatutInscription, StatutSession
from .models import Inscription, Session


def _compter(origines, depuis):
    return attribution.compter_par_mois(
        Inscription.objects.exclude(statut=StatutInscription.ANNULEE),
        champ_date="cree_le",
        origines=origines,
        depuis=depuis,
    )


attribution.compteur(code="inscriptions", libelle=_("Inscriptions"), compter=_compter, ordre=20)


@extensions.a_relayer
def _sessions_a_relayer(maintenant, jusqu_a) -> list[extensions.ElementARelayer]:
    """Les sessions publiées à venir (webinaires compris : leur page vient de leur
    application, par le registre de l'agenda), sans les étapes d'un parcours."""
    sessions = list(
        Session.objects.filter(
            statut=StatutSession.PUBLIE, debut__gt=maintenant, debut__lte=jusqu_a, parent=None
        )
        .select_related("format")
        .order_by("debut", "pk")
    )
    fiches = registre.fiches(sessions)
    elements = []
    for session in sessions:
        decrit = registre.de(session)
        fiche = fiches[session.pk]
        elements.append(
            extensions.ElementARelayer(
                cle=f"{session.format.slug}-{timezone.localtime(session.debut):%Y-%m-%d}-{session.pk}",
                genre=str(decrit.libelle) if decrit else session.format.nom,
                titre=session.titre,
                url=fiche.url,
                quand=session.debut,
                resume=" ".join(t for t in fiche.texte if t)[:400],
            )
        )
    return elements
