"""Lectures de la boîte d'envoi et des listes ; jamais d'erreur HTTP ici."""

from .enums import StatutAbonnement
from .models import Abonnement, Envoi, Liste, Suppression


def abonnement_par_jeton(jeton: str) -> Abonnement | None:
    return Abonnement.objects.select_related("liste").filter(jeton=jeton).first()


def preferences(email: str) -> list[tuple[Liste, bool]]:
    """Chaque liste proposée, cochée si l'adresse y est abonnée (confirmée)."""
    abonnees = set(
        Abonnement.objects.filter(
            email__iexact=email, statut=StatutAbonnement.CONFIRME
        ).values_list("liste_id", flat=True)
    )
    return [(liste, liste.pk in abonnees) for liste in Liste.objects.filter(publique=True)]


def est_supprimee(email: str) -> bool:
    return Suppression.objects.filter(email__iexact=email).exists()


def derniers_envois(*, genre: str, objets: list[int]) -> dict[int, Envoi]:
    """Le dernier envoi de ce genre pour chacun des objets (état affiché à la personne)."""
    resultat: dict[int, Envoi] = {}
    for envoi in Envoi.objects.filter(genre=genre, objet_id__in=objets).order_by("du_le", "id"):
        resultat[envoi.objet_id] = envoi
    return resultat
