"""Lectures du pilier 4 : les sessions à venir des ateliers, du co-développement et des
parcours (les sessions elles-mêmes sont celles de l'agenda)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from agenda.enums import StatutInscription, StatutSession
from agenda.models import Inscription, Presence, Session
from agenda.selectors import etat_etape

from .enums import FORMATS


def _etapes() -> Prefetch:
    return Prefetch(
        "etapes",
        queryset=Session.objects.filter(
            statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE]
        ).order_by("ordre", "debut", "pk"),
    )


def _avec_places(qs: QuerySet[Session]) -> QuerySet[Session]:
    return qs.annotate(
        nb_confirmes=Count(
            "inscriptions", filter=Q(inscriptions__statut=StatutInscription.CONFIRMEE)
        )
    )


def sessions_a_venir(*, public: str | None = None, format: str | None = None) -> list[Session]:
    """Les ateliers, sessions de co-développement et parcours publiés et à venir (un parcours
    avec ses étapes, jamais une étape seule), ouverts à ``public`` ; deux requêtes."""
    formats = [format] if format in FORMATS else list(FORMATS)
    qs = (
        Session.objects.filter(
            format__slug__in=formats,
            statut=StatutSession.PUBLIE,
            parent__isnull=True,
            debut__gt=timezone.now(),
        )
        .pour_public(public)
        .select_related("format")
        .prefetch_related(_etapes())
        .order_by("debut", "pk")
    )
    return list(_avec_places(qs))


def session_detail(pk: int) -> Session | None:
    """Une session du pilier 4 (publiée ou annulée, pas une étape), ses étapes et ses places
    prises ; ``None`` sinon."""
    qs = Session.objects.filter(
        pk=pk,
        format__slug__in=FORMATS,
        statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE],
        parent__isnull=True,
    )
    return _avec_places(qs.select_related("format").prefetch_related(_etapes())).first()


def places_restantes(session: Session) -> int | None:
    if session.capacite is None:
        return None
    return max(session.capacite - session.nb_confirmes, 0)


def parcours_de(utilisateur) -> list[Inscription]:
    """Les inscriptions (non annulées) d'une personne aux parcours, chacune avec
    ``progression`` : ses étapes et leur état (voir ``agenda.selectors.parcours_progression``).
    Trois requêtes quel que soit le nombre de parcours."""
    inscriptions = list(
        Inscription.objects.filter(
            utilisateur=utilisateur,
            session__parent__isnull=True,
            session__etapes__isnull=False,
        )
        .exclude(statut=StatutInscription.ANNULEE)
        .select_related("session__format")
        .prefetch_related(
            Prefetch(
                "session__etapes",
                queryset=Session.objects.filter(
                    statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE]
                ).order_by("ordre", "debut", "pk"),
            )
        )
        .distinct()
        .order_by("session__debut", "pk")
    )
    if not inscriptions:
        return []
    etapes = [e.pk for i in inscriptions for e in i.session.etapes.all()]
    # Les inscriptions aux étapes portent le même compte que celle du parcours.
    presences = dict(
        Presence.objects.filter(
            session_id__in=etapes, inscription__utilisateur=utilisateur
        ).values_list("session_id", "present")
    )
    maintenant = timezone.now()
    for inscription in inscriptions:
        inscription.progression = [
            {"etape": e, "etat": etat_etape(e, present=presences.get(e.pk), maintenant=maintenant)}
            for e in inscription.session.etapes.all()
        ]
        inscription.suivies = sum(ligne["etat"] == "suivie" for ligne in inscription.progression)
    return inscriptions


def session_suivante() -> Session | None:
    """La prochaine session réservable du pilier 4, tous formats et publics (une requête)."""
    return (
        Session.objects.filter(
            format__slug__in=FORMATS,
            statut=StatutSession.PUBLIE,
            parent__isnull=True,
            debut__gt=timezone.now(),
        )
        .order_by("debut", "pk")
        .first()
    )
