"""Lectures réutilisables du contenu du programme et des organisations."""

from django.db.models import Prefetch, QuerySet

from .models import (
    ChiffreCle,
    FamilleLeviers,
    Format,
    Invitation,
    Levier,
    Membre,
    ModeleSocioEconomique,
    Objectif,
    Partenaire,
    Pilier,
    ProgrammeRecherche,
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


def format_par_slug(slug: str) -> Format | None:
    return Format.objects.filter(slug=slug).first()


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


def membres(organisation):
    return organisation.adhesions.select_related("utilisateur").order_by("utilisateur__email")


def objectifs():
    return Objectif.objects.all()


def formats():
    return Format.objects.all()


def chiffres_cles():
    return ChiffreCle.objects.all()


def programmes_recherche():
    return ProgrammeRecherche.objects.all()


def leviers():
    return Levier.objects.all()


def familles_leviers():
    return FamilleLeviers.objects.all()


def invitations_recues(utilisateur):
    return Invitation.objects.filter(
        email__iexact=utilisateur.email, acceptee_le__isnull=True
    ).select_related("organisation")


def invitation_par_jeton(jeton: str):
    return (
        Invitation.objects.select_related("organisation", "invitee_par").filter(jeton=jeton).first()
    )
