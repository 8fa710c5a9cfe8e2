"""Lectures réutilisables du contenu du programme et des organisations."""

from django.db.models import Prefetch, QuerySet

from .models import (
    FamilleLeviers,
    Membre,
    ModeleSocioEconomique,
    Partenaire,
    Pilier,
    RolePartenaire,
    Utilisateur,
)


def piliers() -> QuerySet[Pilier]:
    return Pilier.objects.all()


def pilier(slug: str) -> Pilier:
    return Pilier.objects.prefetch_related("partenaires").get(slug=slug)


def modeles() -> QuerySet[ModeleSocioEconomique]:
    return ModeleSocioEconomique.objects.all()


def modele(code: str) -> ModeleSocioEconomique:
    return ModeleSocioEconomique.objects.prefetch_related(
        Prefetch("familles_leviers", queryset=FamilleLeviers.objects.order_by("ordre"))
    ).get(code__iexact=code)


def roles_avec_partenaires() -> QuerySet[RolePartenaire]:
    return RolePartenaire.objects.prefetch_related(
        Prefetch("partenaires", queryset=Partenaire.objects.order_by("ordre", "nom"))
    )


def adhesions(utilisateur: Utilisateur) -> QuerySet[Membre]:
    return utilisateur.adhesions.select_related("organisation").order_by("organisation__nom")


def modele_en_donnees(modele: ModeleSocioEconomique) -> dict:
    """La carte d'un modèle en données simples (JSON), pour les fiches PDF et leur empreinte."""
    return {
        "code": modele.code,
        "nom": modele.nom,
        "sous_titre": modele.sous_titre,
        "ressources": modele.ressources,
        "domaines": modele.liste_domaines,
        "avantages": modele.liste_avantages,
        "inconvenients": modele.liste_inconvenients,
    }


def famille_en_donnees(famille: FamilleLeviers) -> dict:
    """Une famille de leviers financiers en données simples (JSON)."""
    return {
        "nom": famille.nom,
        "leviers": famille.liste_leviers,
        "competences": famille.liste_competences,
        "risques": famille.liste_risques,
    }


def invitations_en_attente(organisation) -> list:
    """Invitations non acceptées, chacune avec ``envoi`` : l'état de son e-mail."""
    from envois.selectors import derniers_envois

    from .enums import GENRE_INVITATION

    invitations = list(organisation.invitations.filter(acceptee_le__isnull=True))
    envois = derniers_envois(genre=GENRE_INVITATION, objets=[i.pk for i in invitations])
    for invitation in invitations:
        invitation.envoi = envois.get(invitation.pk)
    return invitations
