"""Attestations et certificats dans les registres RGPD (``rameau.rgpd``).

Export : chaque attestation ou certificat délivré à la personne, avec son adresse de
vérification. Effacement : le document et l'identité disparaissent (PDF supprimé, nom et
adresse remplacés) ; la ligne reste, révoquée, pour que les statistiques de délivrance
tiennent et que la page de vérification dise honnêtement que le document n'est plus valide.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rameau import rgpd

from .models import Attestation

ANONYME = "@anonyme.invalid"


def _de(personne: rgpd.Personne):
    critere = Q(email__iexact=personne.email)
    if personne.utilisateur_id:
        critere |= Q(utilisateur_id=personne.utilisateur_id)
    return Attestation.objects.filter(critere)


@rgpd.exporteur("formations")
def exporter(personne: rgpd.Personne) -> dict[str, list[dict]]:
    return {
        "attestations": [
            {
                "nature": a.get_nature_display(),
                "intitule": a.intitule,
                "nom": a.nom,
                "email": a.email,
                "debut": a.debut,
                "fin": a.fin,
                "lieu": a.lieu,
                "emise_le": a.emise_le,
                "revoquee_le": a.revoquee_le,
                "verification": a.get_absolute_url(),
            }
            for a in _de(personne)
        ]
    }


@rgpd.effaceur("formations")
def effacer(personne: rgpd.Personne) -> int:
    maintenant = timezone.now()
    touchees = 0
    for attestation in _de(personne):
        if attestation.pdf:
            attestation.pdf.delete(save=False)
        attestation.nom = ""
        attestation.email = f"efface-{attestation.pk}{ANONYME}"
        attestation.utilisateur = None
        if attestation.revoquee_le is None:
            attestation.revoquee_le = maintenant
            attestation.motif_revocation = _("Effacée à la demande de la personne (RGPD).")
        attestation.save(
            update_fields=[
                "pdf",
                "nom",
                "email",
                "utilisateur",
                "revoquee_le",
                "motif_revocation",
            ]
        )
        touchees += 1
    return touchees
