"""Jeu de démonstration : un compte équipe, une association et ses membres.

Chaque application peut ajouter ses données via le signal :data:`demo_chargee`
(les récepteurs renvoient une liste de lignes de bilan).
"""

from allauth.account.models import EmailAddress
from django.dispatch import Signal

from .enums import DomaineActivite, Public, RoleMembre, TrancheBudget
from .models import Membre, Organisation, Utilisateur

STAFF_EMAIL = "equipe.demo@lerameau.example"
STAFF_MOT_DE_PASSE = "demo-rameau-equipe-2026"
# Secret TOTP du compte équipe de démonstration (mode développement seulement) : le même à
# chaque chargement, pour qu'une application d'authentification configurée une fois suffise.
STAFF_SECRET_TOTP = "JBSWY3DPEHPK3PXPRAMEAUDEMOZZQQAB"
MEMBRE_EMAIL = "membre.demo@lerameau.example"
MEMBRE_MOT_DE_PASSE = "demo-rameau-membre-2026"

demo_chargee = Signal()


def _compte(email: str, mot_de_passe: str, **extra) -> Utilisateur:
    utilisateur, _ = Utilisateur.objects.get_or_create(email=email, defaults=extra)
    for champ, valeur in extra.items():
        setattr(utilisateur, champ, valeur)
    utilisateur.set_password(mot_de_passe)
    utilisateur.save()
    EmailAddress.objects.update_or_create(
        user=utilisateur, email=email, defaults={"verified": True, "primary": True}
    )
    return utilisateur


def charger() -> list[str]:
    staff = _compte(
        STAFF_EMAIL,
        STAFF_MOT_DE_PASSE,
        nom="[Démo] Équipe Le RAMEAU",
        is_staff=True,
        is_superuser=True,
    )
    membre = _compte(MEMBRE_EMAIL, MEMBRE_MOT_DE_PASSE, nom="[Démo] Camille Martin")
    organisation, _ = Organisation.objects.update_or_create(
        nom="[Démo] Association des Jardins partagés du quartier",
        defaults={
            "type_acteur": Public.ASSOCIATION,
            "domaine_activite": DomaineActivite.QUARTIER,
            "departement": "94",
            "tranche_budget": TrancheBudget.DE_10K_A_50K,
            "nb_salaries": 1,
            "nb_benevoles": 35,
            "demo": True,
        },
    )
    Membre.objects.get_or_create(
        organisation=organisation,
        utilisateur=membre,
        defaults={"role": RoleMembre.ADMINISTRATEUR},
    )
    double_authentification(staff)
    bilan = [
        f"compte équipe : {staff.email}",
        f"compte membre : {membre.email} / {MEMBRE_MOT_DE_PASSE}",
        f"organisation : {organisation.nom}",
    ]
    for _recepteur, lignes in demo_chargee.send(
        sender=None, organisation=organisation, membre=membre
    ):
        bilan.extend(lignes or [])
    return bilan


def double_authentification(utilisateur) -> str:
    """Active la double authentification du compte équipe de démonstration (application TOTP
    de secret connu et codes de secours) ; renvoie un code de secours encore inutilisé."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=utilisateur, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(utilisateur, STAFF_SECRET_TOTP)
    secours = Authenticator.objects.filter(
        user=utilisateur, type=Authenticator.Type.RECOVERY_CODES
    ).first()
    codes = RecoveryCodes(secours) if secours else RecoveryCodes.activate(utilisateur)
    inutilises = codes.get_unused_codes()
    if not inutilises:
        secours.delete()
        inutilises = RecoveryCodes.activate(utilisateur).get_unused_codes()
    return inutilises[0]
