"""Lectures des webinaires, réutilisées par les vues et par les autres applications."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from agenda.enums import StatutInscription, StatutSession

from .models import Cycle, Sequence, Webinaire

CONFIRMES = Count(
    "session__inscriptions",
    filter=Q(session__inscriptions__statut=StatutInscription.CONFIRMEE),
)


def publies() -> QuerySet[Webinaire]:
    return Webinaire.objects.filter(session__statut=StatutSession.PUBLIE).select_related(
        "cycle", "session__format"
    )


def prochain_webinaire(*, maintenant=None) -> Webinaire | None:
    """Le prochain webinaire publié qui n'a pas encore commencé, ou ``None``."""
    maintenant = maintenant or timezone.now()
    return publies().filter(session__debut__gt=maintenant).order_by("session__debut").first()


def a_venir(*, maintenant=None) -> QuerySet[Webinaire]:
    maintenant = maintenant or timezone.now()
    return (
        publies()
        .filter(session__fin__gt=maintenant)
        .order_by("session__debut")
        .prefetch_related("partenaires")
        .annotate(nb_confirmes=CONFIRMES)
    )


def passes(*, maintenant=None) -> QuerySet[Webinaire]:
    maintenant = maintenant or timezone.now()
    return (
        publies()
        .filter(session__fin__lte=maintenant)
        .order_by("-session__debut")
        .prefetch_related("partenaires")
    )


def detail(slug: str) -> Webinaire:
    sequences = Sequence.objects.order_by("ordre").prefetch_related("intervenants")
    return (
        publies()
        .prefetch_related(
            Prefetch("sequences", queryset=sequences),
            "partenaires",
            "programmes_recherche",
            "modeles",
            "formats",
        )
        .annotate(nb_confirmes=CONFIRMES)
        .get(slug=slug)
    )


def pour_calendrier(*, maintenant=None) -> QuerySet[Webinaire]:
    """Webinaires du flux iCalendar : depuis douze mois jusqu'à la fin des cycles ; les
    annulés y restent (STATUS:CANCELLED) pour disparaître des agendas abonnés."""
    maintenant = maintenant or timezone.now()
    return (
        Webinaire.objects.filter(session__statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE])
        .select_related("cycle", "session__format")
        .filter(session__debut__gte=maintenant - timedelta(days=365))
        .order_by("session__debut")
    )


def cycle_courant(*, maintenant=None) -> Cycle | None:
    """Le cycle du prochain webinaire, sinon le plus récent."""
    prochain = prochain_webinaire(maintenant=maintenant)
    if prochain:
        return prochain.cycle
    return Cycle.objects.order_by("-debut").first()
