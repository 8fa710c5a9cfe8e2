"""Lectures du pilier 3 (jamais d'erreur HTTP : ``None`` quand rien ne correspond)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from agenda.enums import StatutInscription, StatutSession
from agenda.models import Inscription

from .enums import Niveau
from .models import Attestation, Module, SessionModule


def _sessions_a_venir(maintenant=None) -> QuerySet[SessionModule]:
    maintenant = maintenant or timezone.now()
    return (
        SessionModule.objects.filter(
            session__statut=StatutSession.PUBLIE, session__debut__gt=maintenant
        )
        .select_related("session__format")
        .annotate(
            nb_confirmes=Count(
                "session__inscriptions",
                filter=Q(session__inscriptions__statut=StatutInscription.CONFIRMEE),
            )
        )
        .order_by("session__debut", "session_id")
    )


def modules(*, niveau: int | None = None, public: str | None = None) -> list[Module]:
    """Les modules publiés (filtrés par niveau et par public), chacun avec ``prochaines``,
    ses sessions à venir (deux requêtes quel que soit le nombre de modules)."""
    qs = Module.objects.publies().pour_public(public)
    if niveau in Niveau.values:
        qs = qs.filter(niveau=niveau)
    return list(
        qs.prefetch_related(
            Prefetch("sessions_module", queryset=_sessions_a_venir(), to_attr="prochaines")
        )
    )


def par_niveau(modules_: list[Module]) -> list[tuple[str, list[Module]]]:
    """[(libellé du niveau, modules)] dans l'ordre des niveaux, sans niveau vide."""
    groupes: dict[int, list[Module]] = {}
    for module in modules_:
        groupes.setdefault(module.niveau, []).append(module)
    return [(Niveau(n).label, groupes[n]) for n in sorted(groupes)]


def module(slug: str) -> Module | None:
    """Un module publié avec ses modèles, leviers, partenaires, certificats et sessions à
    venir (``prochaines``, avec ``nb_confirmes``)."""
    return (
        Module.objects.publies()
        .filter(slug=slug)
        .prefetch_related(
            "modeles",
            "leviers",
            "partenaires",
            "certificats",
            Prefetch("sessions_module", queryset=_sessions_a_venir(), to_attr="prochaines"),
        )
        .first()
    )


def inscriptions_au_module(*, module: Module, email: str) -> list[Inscription]:
    """Les inscriptions non annulées de cette adresse aux sessions à venir du module."""
    return list(
        Inscription.objects.filter(
            session__module_formation__module=module,
            session__debut__gt=timezone.now(),
            email__iexact=email,
        )
        .exclude(statut=StatutInscription.ANNULEE)
        .select_related("session")
    )


def attestation(code: str) -> Attestation | None:
    return (
        Attestation.objects.select_related("module", "certificat")
        .prefetch_related("certificat__modules")
        .filter(code=code)
        .first()
    )


def attestations_de(utilisateur) -> list[Attestation]:
    """Les attestations et certificats de la personne (son compte ou son adresse)."""
    email = (utilisateur.email or "").strip().lower()
    return list(
        Attestation.objects.annotate(e=Lower("email"))
        .filter(Q(utilisateur=utilisateur) | Q(e=email))
        .select_related("module", "certificat")
        .order_by("-emise_le", "-id")
    )


def modules_du_format() -> list[Module]:
    return modules(niveau=Niveau.MODULE_AFF)
