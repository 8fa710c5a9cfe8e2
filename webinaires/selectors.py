"""Lectures des webinaires, réutilisées par les vues et par les autres applications."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .enums import StatutInscription, StatutWebinaire
from .models import Cycle, Inscription, Sequence, Webinaire


def publies() -> QuerySet[Webinaire]:
    return Webinaire.objects.filter(statut=StatutWebinaire.PUBLIE).select_related("cycle")


def prochain_webinaire(*, maintenant=None) -> Webinaire | None:
    """Le prochain webinaire publié qui n'a pas encore commencé, ou ``None``."""
    maintenant = maintenant or timezone.now()
    return publies().filter(debut__gt=maintenant).order_by("debut").first()


def a_venir(*, maintenant=None) -> QuerySet[Webinaire]:
    maintenant = maintenant or timezone.now()
    return (
        publies()
        .filter(fin__gt=maintenant)
        .order_by("debut")
        .prefetch_related("partenaires")
        .annotate(
            nb_confirmes=Count(
                "inscriptions", filter=Q(inscriptions__statut=StatutInscription.CONFIRMEE)
            )
        )
    )


def passes(*, maintenant=None) -> QuerySet[Webinaire]:
    maintenant = maintenant or timezone.now()
    return publies().filter(fin__lte=maintenant).order_by("-debut").prefetch_related("partenaires")


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
        .annotate(
            nb_confirmes=Count(
                "inscriptions", filter=Q(inscriptions__statut=StatutInscription.CONFIRMEE)
            )
        )
        .get(slug=slug)
    )


def pour_calendrier(*, maintenant=None) -> QuerySet[Webinaire]:
    """Webinaires du flux iCalendar : depuis douze mois jusqu'à la fin des cycles."""
    maintenant = maintenant or timezone.now()
    return publies().filter(debut__gte=maintenant - timedelta(days=365)).order_by("debut")


def cycle_courant(*, maintenant=None) -> Cycle | None:
    """Le cycle du prochain webinaire, sinon le plus récent."""
    prochain = prochain_webinaire(maintenant=maintenant)
    if prochain:
        return prochain.cycle
    return Cycle.objects.order_by("-debut").first()


def inscriptions_de(utilisateur) -> QuerySet[Inscription]:
    return (
        Inscription.objects.filter(utilisateur=utilisateur)
        .exclude(statut=StatutInscription.ANNULEE)
        .select_related("webinaire")
        .order_by("webinaire__debut")
    )
