"""Lectures de l'agenda, réutilisées par les vues et par les applications au-dessus."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from .enums import StatutInscription, StatutSession
from .models import Inscription, Presence, Session


def _a_venir(*, format, maintenant=None) -> QuerySet[Session]:
    maintenant = maintenant or timezone.now()
    return (
        Session.objects.filter(format=format, statut=StatutSession.PUBLIE, debut__gt=maintenant)
        .select_related("format")
        .order_by("debut", "pk")
    )


def sessions_a_venir(*, format, public: str | None = None, maintenant=None) -> QuerySet[Session]:
    """Les sessions publiées d'un format qui n'ont pas encore commencé, la plus proche
    d'abord, avec le nombre de places prises (``nb_confirmes``) et leurs étapes (parcours) ;
    les étapes elles-mêmes sont rangées sous leur session."""
    etapes = Session.objects.filter(statut=StatutSession.PUBLIE).order_by("ordre", "debut")
    return (
        _a_venir(format=format, maintenant=maintenant)
        .filter(parent__isnull=True)
        .pour_public(public)
        .prefetch_related(Prefetch("etapes", queryset=etapes))
        .annotate(
            nb_confirmes=Count(
                "inscriptions", filter=Q(inscriptions__statut=StatutInscription.CONFIRMEE)
            )
        )
    )


def session_prochaine(*, format, public: str | None = None, maintenant=None) -> Session | None:
    """La prochaine session réservable de ce format pour ce public, ou ``None`` (une requête)."""
    return (
        _a_venir(format=format, maintenant=maintenant)
        .filter(parent__isnull=True)
        .pour_public(public)
        .first()
    )


def pour_calendrier(*, format, maintenant=None) -> QuerySet[Session]:
    """Sessions du flux d'un format : publiées ou annulées, depuis douze mois."""
    maintenant = maintenant or timezone.now()
    return (
        Session.objects.filter(
            format=format,
            statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE],
            debut__gte=maintenant - timedelta(days=365),
        )
        .select_related("format")
        .order_by("debut", "pk")
    )


def sessions_de_l_inscrit(*, jeton: str) -> list[Session] | None:
    """Les sessions de la personne qui détient ce jeton d'inscription (toutes ses
    inscriptions non annulées sous la même adresse), ``None`` si le jeton est inconnu."""
    inscription = Inscription.objects.filter(jeton=jeton).only("email").first()
    if inscription is None:
        return None
    return list(
        # Un seul filter() : la même inscription porte l'adresse et le statut.
        Session.objects.filter(
            inscriptions__email__iexact=inscription.email,
            inscriptions__statut__in=[StatutInscription.CONFIRMEE, StatutInscription.ATTENTE],
            statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE],
        )
        # Un parcours figure par ses étapes (un VEVENT chacune), pas par la session parente.
        .exclude(Exists(Session.objects.filter(parent=OuterRef("pk"))))
        .select_related("format")
        .distinct()
        .order_by("debut", "pk")
    )


def inscription_par_jeton(jeton: str) -> Inscription | None:
    return Inscription.objects.select_related("session__format").filter(jeton=jeton).first()


def inscriptions_de(utilisateur) -> QuerySet[Inscription]:
    return (
        # Les étapes d'un parcours suivent l'inscription au parcours : une ligne pour le tout.
        Inscription.objects.filter(utilisateur=utilisateur, session__parent__isnull=True)
        .exclude(statut=StatutInscription.ANNULEE)
        .select_related("session__format")
        .order_by("session__debut")
    )


def inscription_existante(*, session: Session, email: str) -> Inscription | None:
    return (
        Inscription.objects.filter(session=session, email__iexact=email)
        .exclude(statut=StatutInscription.ANNULEE)
        .first()
    )


def session_visible(pk: int) -> Session | None:
    """Une session publiée ou annulée (son ``.ics`` dit alors STATUS:CANCELLED)."""
    return (
        Session.objects.select_related("format")
        .filter(pk=pk, statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE])
        .first()
    )


def sessions_du_calendrier(session: Session) -> list[Session]:
    """Ce que le ``.ics`` d'une session contient : ses étapes publiées ou annulées (un
    parcours, un VEVENT par étape), sinon la session elle-même (une requête)."""
    etapes = list(
        Session.objects.filter(
            parent=session, statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE]
        )
        .select_related("format")
        .order_by("ordre", "debut", "pk")
    )
    return etapes or [session]


def parcours_progression(*, inscription: Inscription) -> list[dict] | None:
    """La progression d'un inscrit dans un parcours : chaque étape, dans l'ordre, avec son
    état (``suivie``, ``absente``, ``a_venir``, ``passee`` sans présence notée, ``annulee``).
    ``None`` si la session de l'inscription n'a pas d'étapes. Deux requêtes.

    Une présence compte qu'elle soit notée sur l'inscription au parcours ou sur celle de
    l'étape (même adresse)."""
    etapes = list(
        Session.objects.filter(
            parent_id=inscription.session_id,
            statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE],
        ).order_by("ordre", "debut", "pk")
    )
    if not etapes:
        return None
    presences = dict(
        Presence.objects.filter(
            session__in=etapes, inscription__email__iexact=inscription.email
        ).values_list("session_id", "present")
    )
    maintenant = timezone.now()
    return [
        {"etape": e, "etat": etat_etape(e, present=presences.get(e.pk), maintenant=maintenant)}
        for e in etapes
    ]


def etat_etape(etape: Session, *, present: bool | None, maintenant) -> str:
    """``suivie``, ``absente`` (présence notée), ``annulee``, ``a_venir`` ou ``passee``."""
    if etape.statut == StatutSession.ANNULE:
        return "annulee"
    if present is not None:
        return "suivie" if present else "absente"
    return "a_venir" if etape.debut > maintenant else "passee"
