"""Inscriptions et présences dans les registres RGPD (``rameau.rgpd``) : export, effacement,
anonymisation des inscrits ``RGPD_INSCRITS_ANNEES`` ans après leur session."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from rameau import rgpd

from .enums import StatutInscription
from .models import Inscription, Presence

ANONYME = "@anonyme.invalid"


def _de(personne: rgpd.Personne):
    critere = Q(email__iexact=personne.email)
    if personne.utilisateur_id:
        critere |= Q(utilisateur_id=personne.utilisateur_id)
    return Inscription.objects.filter(critere)


def _anonymiser(inscriptions) -> int:
    """Garde ce que comptent les statistiques (session, profil, statut, relais, présences),
    efface qui (nom, adresse, organisation, compte) — en une requête."""
    return inscriptions.update(
        nom="",
        organisation="",
        utilisateur=None,
        email=Concat(Value("efface-"), Cast("pk", CharField()), Value(ANONYME)),
    )


@rgpd.exporteur("agenda")
def exporter(personne: rgpd.Personne) -> dict[str, list[dict]]:
    inscriptions = _de(personne).select_related("session__format", "relais")
    presences = Presence.objects.filter(inscription__in=_de(personne)).select_related("session")
    return {
        "inscriptions": [
            {
                "session": i.session.titre,
                "format": i.session.format.nom,
                "debut": i.session.debut,
                "nom": i.nom,
                "email": i.email,
                "organisation": i.organisation,
                "profil": i.get_profil_display(),
                "statut": i.get_statut_display(),
                "relais": i.relais.nom if i.relais else "",
                "inscrit_le": i.cree_le,
                "annulee_le": i.annulee_le,
            }
            for i in inscriptions
        ],
        "presences": [
            {"session": p.session.titre, "debut": p.session.debut, "present": p.present}
            for p in presences
        ],
    }


@rgpd.effaceur("agenda")
def effacer(personne: rgpd.Personne) -> int:
    maintenant = timezone.now()
    # À venir : la place est libérée et plus aucun rappel ne part (statut annulé).
    _de(personne).filter(session__debut__gt=maintenant).exclude(
        statut=StatutInscription.ANNULEE
    ).update(statut=StatutInscription.ANNULEE, annulee_le=maintenant)
    return _anonymiser(_de(personne))


@rgpd.conservation("agenda.inscrits")
def conserver(maintenant: datetime) -> int:
    limite = maintenant - timedelta(days=365 * settings.RGPD_INSCRITS_ANNEES)
    return _anonymiser(
        Inscription.objects.filter(session__fin__lt=limite).exclude(email__endswith=ANONYME)
    )
