"""Écritures sur les organisations et leurs membres."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rameau import mail

from .enums import RoleMembre
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
    """Enregistre une invitation et l'envoie par e-mail après validation de la transaction."""
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invitee_par=par
    )
    lien = settings.SITE_URL + reverse("programme:invitation", args=[invitation.jeton])
    transaction.on_commit(
        lambda: mail.envoyer(
            destinataire=email,
            sujet=_("Invitation à rejoindre %(nom)s") % {"nom": organisation.nom},
            gabarit="programme/emails/invitation",
            contexte={"invitation": invitation, "lien": lien, "par": par},
        )
    )
    return invitation


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
