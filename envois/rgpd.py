"""Abonnements et e-mails envoyés dans les registres RGPD (``rameau.rgpd``)."""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from rameau import rgpd

from .models import Abonnement, Envoi, Suppression


@rgpd.exporteur("envois")
def exporter(personne: rgpd.Personne) -> dict[str, list[dict]]:
    abonnements = Abonnement.objects.filter(email__iexact=personne.email).select_related("liste")
    envois = Envoi.objects.filter(email__iexact=personne.email).order_by("du_le")
    return {
        "abonnements": [
            {
                "liste": a.liste.nom,
                "email": a.email,
                "nom": a.nom,
                "statut": a.get_statut_display(),
                "demande_le": a.cree_le,
                "confirme_le": a.confirme_le,
                "desabonne_le": a.desabonne_le,
            }
            for a in abonnements
        ],
        "emails_recus": [
            {
                "genre": e.libelle_genre,
                "du_le": e.du_le,
                "statut": e.get_statut_display(),
                "envoye_le": e.envoye_le,
            }
            for e in envois
        ],
        "liste_de_suppression": [
            {"email": s.email, "motif": s.get_motif_display(), "depuis": s.cree_le}
            for s in Suppression.objects.filter(email__iexact=personne.email)
        ],
    }


@rgpd.effaceur("envois")
def effacer(personne: rgpd.Personne) -> int:
    """Abonnements supprimés ; l'historique des envois garde ses lignes (elles empêchent un
    second envoi du même message) sous une adresse effacée. La liste de suppression est
    conservée : elle seule garantit de ne plus écrire à une adresse qui l'a demandé."""
    supprimes = Abonnement.objects.filter(email__iexact=personne.email).delete()[0]
    anonymises = Envoi.objects.filter(email__iexact=personne.email).update(
        email=Concat(Value("efface-"), Cast("pk", CharField()), Value("@anonyme.invalid"))
    )
    return supprimes + anonymises
