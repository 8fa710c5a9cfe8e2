"""Écritures sur les organisations et leurs membres."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rameau import mail, site

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
    """Enregistre une invitation ; le courriel part par Celery après la transaction."""
    from .tasks import envoyer_invitation

    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invitee_par=par
    )
    transaction.on_commit(lambda: envoyer_invitation.delay(invitation.pk))
    return invitation


def invitation_mail_envoyer(*, invitation_id: int) -> bool:
    """Envoie le courriel d'invitation une seule fois : la ligne est réservée (``envoyee_le``)
    avant l'envoi, si bien qu'une nouvelle tentative ou une tâche en double n'envoie rien."""
    reservee = Invitation.objects.filter(
        pk=invitation_id, envoyee_le__isnull=True, acceptee_le__isnull=True
    ).update(envoyee_le=timezone.now())
    if not reservee:
        return False
    invitation = Invitation.objects.select_related("organisation", "invitee_par").get(
        pk=invitation_id
    )
    try:
        mail.envoyer(
            destinataire=invitation.email,
            sujet=_("Invitation à rejoindre %(nom)s") % {"nom": invitation.organisation.nom},
            gabarit="programme/emails/invitation",
            contexte={
                "invitation": invitation,
                "lien": site.url_absolue(invitation.get_absolute_url()),
                "par": invitation.invitee_par,
            },
        )
    except Exception:
        # Rien n'est parti : la réservation est levée pour que la tâche puisse réessayer.
        Invitation.objects.filter(pk=invitation_id).update(envoyee_le=None)
        raise
    return True


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
