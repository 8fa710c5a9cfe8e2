"""Listes de diffusion : double opt-in, désabonnement en un clic (RFC 8058), List-Id
(RFC 2919), page des préférences et liste de suppression."""

from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rameau import mail, site

from . import registre, services
from .enums import MotifSuppression, StatutAbonnement
from .models import Abonnement, Liste, Suppression

SEL_PREFERENCES = "envois.preferences"
GENRE_CONFIRMATION = "envois.confirmation_abonnement"


def liste_par_code(code: str) -> Liste:
    """La liste ``code`` (créée au besoin : les listes de référence viennent des migrations)."""
    liste, _cree = Liste.objects.get_or_create(code=code, defaults={"nom": code})
    return liste


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


def abonnement_demander(
    *, liste: Liste, email: str, nom: str = "", origine: str = ""
) -> Abonnement:
    """Enregistre la demande et réserve l'e-mail de confirmation (sauf si déjà confirmé).

    Au plus un e-mail de confirmation par adresse et par minute : dix demandes d'affilée
    pour l'adresse d'un tiers ne lui envoient qu'un message.
    """
    email = email.strip()
    with transaction.atomic():
        abonnement = Abonnement.objects.filter(liste=liste, email__iexact=email).first()
        if abonnement is None:
            try:
                with transaction.atomic():
                    abonnement = Abonnement.objects.create(
                        liste=liste, email=email, nom=nom, origine=origine[:100]
                    )
            except IntegrityError:
                abonnement = Abonnement.objects.get(liste=liste, email__iexact=email)
        if abonnement.statut == StatutAbonnement.CONFIRME:
            return abonnement
        if abonnement.statut == StatutAbonnement.DESABONNE:
            abonnement.statut = StatutAbonnement.EN_ATTENTE
            abonnement.save(update_fields=["statut"])
        services.envoi_programmer(
            genre=GENRE_CONFIRMATION,
            email=abonnement.email,
            objet_id=abonnement.pk,
            source_id=abonnement.pk,
            du_le=_minute(timezone.now()),
        )
    return abonnement


def abonnement_confirmer(*, abonnement: Abonnement) -> Abonnement:
    """Confirme (double opt-in) ; l'adresse sort de la liste de suppression si elle s'était
    désabonnée de tout (elle vient de redemander une liste)."""
    if abonnement.statut != StatutAbonnement.CONFIRME:
        abonnement.statut = StatutAbonnement.CONFIRME
        abonnement.confirme_le = timezone.now()
        abonnement.desabonne_le = None
        abonnement.save(update_fields=["statut", "confirme_le", "desabonne_le"])
        Suppression.objects.filter(
            email__iexact=abonnement.email, motif=MotifSuppression.DESABONNEMENT
        ).delete()
    return abonnement


def abonnement_resilier(*, abonnement: Abonnement) -> Abonnement:
    """Désabonne de cette liste ; idempotent (un second clic ne change rien)."""
    if abonnement.statut != StatutAbonnement.DESABONNE:
        abonnement.statut = StatutAbonnement.DESABONNE
        abonnement.desabonne_le = timezone.now()
        abonnement.save(update_fields=["statut", "desabonne_le"])
    return abonnement


def suppression_ajouter(*, email: str, motif: str, detail: str = "") -> Suppression:
    """Plus rien que les e-mails transactionnels demandés ; désabonne de toutes les listes."""
    email = email.strip()
    with transaction.atomic():
        suppression = Suppression.objects.filter(email__iexact=email).first()
        if suppression is None:
            try:
                with transaction.atomic():
                    suppression = Suppression.objects.create(
                        email=email, motif=motif, detail=detail
                    )
            except IntegrityError:
                suppression = Suppression.objects.get(email__iexact=email)
        Abonnement.objects.filter(email__iexact=email).exclude(
            statut=StatutAbonnement.DESABONNE
        ).update(statut=StatutAbonnement.DESABONNE, desabonne_le=timezone.now())
    return suppression


def preferences_enregistrer(*, email: str, codes_listes: set[str]) -> None:
    """Abonnements confirmés aux listes cochées (l'adresse est prouvée par le lien signé),
    désabonnement des autres."""
    with transaction.atomic():
        for liste in Liste.objects.filter(publique=True):
            abonnement = Abonnement.objects.filter(liste=liste, email__iexact=email).first()
            if liste.code in codes_listes:
                if abonnement is None:
                    abonnement = Abonnement.objects.create(liste=liste, email=email)
                abonnement_confirmer(abonnement=abonnement)
            elif abonnement is not None:
                abonnement_resilier(abonnement=abonnement)
        if codes_listes:
            Suppression.objects.filter(
                email__iexact=email, motif=MotifSuppression.DESABONNEMENT
            ).delete()


# --- Liens et en-têtes ----------------------------------------------------------------------


def jeton_preferences(email: str) -> str:
    """Lien signé (HMAC de SECRET_KEY) : prouve l'adresse sans table ni expiration."""
    return signing.dumps(email.strip().lower(), salt=SEL_PREFERENCES, compress=True)


def email_des_preferences(jeton: str) -> str | None:
    try:
        return signing.loads(jeton, salt=SEL_PREFERENCES)
    except signing.BadSignature:
        return None


def lien_desabonnement(abonnement: Abonnement) -> str:
    return site.url_absolue(reverse("envois:desabonner", args=[abonnement.jeton]))


def lien_preferences(email: str) -> str:
    return site.url_absolue(reverse("envois:preferences", args=[jeton_preferences(email)]))


def _domaine() -> str:
    return urlsplit(site.adresse()).hostname or "localhost"


def en_tetes_liste(abonnement: Abonnement) -> dict[str, str]:
    """RFC 2919 (List-Id), RFC 2369 et RFC 8058 (désabonnement en un clic)."""
    _nom, adresse = parseaddr(settings.DEFAULT_FROM_EMAIL)
    liste = abonnement.liste
    return {
        "List-Id": f"{mail.une_ligne(liste.nom)} <{liste.code}.{_domaine()}>",
        "List-Unsubscribe": (
            f"<{lien_desabonnement(abonnement)}>, "
            f"<mailto:{adresse}?subject=desabonnement%20{abonnement.jeton}>"
        ),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- E-mail de confirmation -----------------------------------------------------------------


def _preparer_confirmations(envois) -> dict[int, Abonnement]:
    ids = [e.source_id for e in envois]
    return {a.pk: a for a in Abonnement.objects.select_related("liste").filter(pk__in=ids)}


def _composer_confirmation(envoi, abonnements, connexion):
    abonnement = abonnements.get(envoi.source_id)
    if abonnement is None or abonnement.statut != StatutAbonnement.EN_ATTENTE:
        raise registre.Abandonne
    return mail.construire(
        destinataire=abonnement.email,
        sujet=_("Confirmez votre abonnement : %(liste)s") % {"liste": abonnement.liste.nom},
        gabarit="envois/emails/confirmation_abonnement",
        contexte={
            "abonnement": abonnement,
            "lien_confirmation": site.url_absolue(abonnement.get_absolute_url()),
        },
        connexion=connexion,
    )


registre.genre(
    code=GENRE_CONFIRMATION,
    libelle=gettext_lazy("Confirmation d'abonnement"),
    composer=_composer_confirmation,
    preparer=_preparer_confirmations,
)
