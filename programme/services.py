"""Écritures sur les organisations et leurs membres."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from envois import registre
from envois import services as envois
from rameau import mail, site

from .enums import GENRE_INVITATION, RoleMembre
from .models import Invitation, Membre, Organisation, Utilisateur


class InvitationInvalide(Exception):
    pass


@transaction.atomic
def organisation_creer(*, utilisateur: Utilisateur, **champs) -> Organisation:
    """Crée une organisation ; la personne qui la crée en devient administratrice."""
    organisation = Organisation.objects.create(**champs)
    Membre.objects.create(
        organisation=organisation, utilisateur=utilisateur, role=RoleMembre.ADMINISTRATEUR
    )
    return organisation


def invitation_envoyer(
    *, organisation: Organisation, par: Utilisateur, email: str, role: str
) -> Invitation:
    """Enregistre une invitation et réserve son e-mail dans la boîte d'envoi (il part après
    le commit ; sans worker, au prochain passage du beat)."""
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organisation=organisation, email=email, role=role, invitee_par=par
        )
        envois.envoi_programmer(
            genre=GENRE_INVITATION,
            email=invitation.email,
            objet_id=invitation.pk,
            du_le=invitation.creee_le,
        )
    return invitation


def _preparer_invitations(liste_envois) -> dict[int, Invitation]:
    ids = [e.objet_id for e in liste_envois]
    return Invitation.objects.select_related("organisation", "invitee_par").in_bulk(ids)


def _composer_invitation(envoi, invitations, connexion):
    invitation = invitations.get(envoi.objet_id)
    if invitation is None or invitation.acceptee_le is not None:
        raise registre.Abandonne
    return mail.construire(
        destinataire=invitation.email,
        sujet=_("Invitation à rejoindre %(nom)s") % {"nom": invitation.organisation.nom},
        gabarit="programme/emails/invitation",
        contexte={
            "invitation": invitation,
            "lien": site.url_absolue(invitation.get_absolute_url()),
            "par": invitation.invitee_par,
        },
        connexion=connexion,
    )


registre.genre(
    code=GENRE_INVITATION,
    libelle=gettext_lazy("Invitation à rejoindre une organisation"),
    composer=_composer_invitation,
    preparer=_preparer_invitations,
)


@transaction.atomic
def invitation_accepter(*, invitation: Invitation, utilisateur: Utilisateur) -> Membre:
    """Ajoute la personne à l'organisation si l'invitation lui est bien adressée."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.acceptee_le is not None:
        raise InvitationInvalide(_("Cette invitation a déjà été acceptée."))
    if invitation.email.lower() != utilisateur.email.lower():
        raise InvitationInvalide(
            _("Cette invitation a été envoyée à %(email)s : connectez-vous avec cette adresse.")
            % {"email": invitation.email}
        )
    membre, _cree = Membre.objects.get_or_create(
        organisation=invitation.organisation,
        utilisateur=utilisateur,
        defaults={"role": invitation.role},
    )
    invitation.acceptee_le = timezone.now()
    invitation.save(update_fields=["acceptee_le"])
    return membre
