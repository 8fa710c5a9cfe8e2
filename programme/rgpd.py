"""Compte, adhésions et invitations dans les registres RGPD (``rameau.rgpd``). Le compte
lui-même est supprimé en dernier par ``confidentialite`` (les autres effaceurs le
retrouvent d'abord par son identifiant)."""

from rameau import rgpd

from .models import Invitation, Membre, Utilisateur


@rgpd.exporteur("programme")
def exporter(personne: rgpd.Personne) -> dict[str, list[dict]]:
    compte = Utilisateur.objects.filter(pk=personne.utilisateur_id).first()
    adhesions = Membre.objects.filter(utilisateur_id=personne.utilisateur_id).select_related(
        "organisation"
    )
    return {
        "compte": [
            {
                "email": compte.email,
                "nom": compte.nom,
                "inscrit_le": compte.date_joined,
                "derniere_connexion": compte.last_login,
            }
        ]
        if compte
        else [],
        "organisations": [
            {
                "organisation": m.organisation.nom,
                "type_acteur": m.organisation.get_type_acteur_display(),
                "role": m.get_role_display(),
                "membre_depuis": m.depuis,
            }
            for m in adhesions
        ],
        "invitations": [
            {"organisation": i.organisation.nom, "email": i.email, "role": i.get_role_display()}
            for i in Invitation.objects.filter(email__iexact=personne.email).select_related(
                "organisation"
            )
        ],
    }


@rgpd.effaceur("programme")
def effacer(personne: rgpd.Personne) -> int:
    # Les invitations reçues ; celles que la personne a envoyées appartiennent à l'organisation.
    return Invitation.objects.filter(email__iexact=personne.email).delete()[0]
