"""Écritures de l'agenda : inscriptions, liste d'attente, modifications d'une session,
présences. Les mêmes pour tous les formats (webinaires, ateliers, parcours…)."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from envois import services as envois

from .enums import StatutInscription, StatutSession
from .models import Inscription, Presence, Session

GENRE_CONFIRMATION = "agenda.confirmation"
GENRE_ATTENTE = "agenda.attente"


class InscriptionImpossible(Exception):
    """Inscription refusée (session passée, annulée ou non publiée) ; message en français."""


@dataclass(frozen=True)
class Resultat:
    inscription: Inscription
    nouvelle: bool

    @property
    def en_attente(self) -> bool:
        return self.inscription.statut == StatutInscription.ATTENTE


def _complet(session: Session) -> bool:
    if session.capacite is None:
        return False
    confirmes = session.inscriptions.filter(statut=StatutInscription.CONFIRMEE).count()
    return confirmes >= session.capacite


def inscription_creer(
    *,
    session: Session,
    nom: str,
    email: str,
    organisation: str = "",
    profil: str = "",
    consentement: bool = True,
    utilisateur=None,
    relais=None,
    origine: str = "",
) -> Resultat:
    """Inscrit une personne, en liste d'attente si la session est complète.

    Sûr en concurrence : la ligne de la session est verrouillée (``SELECT … FOR UPDATE``) le
    temps de compter les places. Une deuxième inscription de la même adresse renvoie la
    première (``nouvelle=False``) ; une inscription annulée est réactivée. ``origine`` : le
    premier relais de la visite (``programme.attribution.origine(request)``), sinon le code
    du partenaire ``relais`` (page intégrée).

    **Parcours (cohorte)** : s'inscrire à la session parente inscrit à toutes ses étapes
    publiées, dans la même transaction et sous le même verrou (celui de la parente) : tout ou
    rien, avec le même statut (confirmée ou liste d'attente). Les places sont comptées sur la
    parente ; une étape seule ne se réserve pas. Un seul e-mail (celui de la parente, dont le
    ``.ics`` porte un VEVENT par étape).
    """
    email = email.strip()
    with transaction.atomic():
        verrou = Session.objects.select_for_update().get(pk=session.pk)
        maintenant = timezone.now()
        if verrou.statut != StatutSession.PUBLIE:
            raise InscriptionImpossible(_("Cette session n'est pas ouverte aux inscriptions."))
        if verrou.debut <= maintenant:
            raise InscriptionImpossible(
                _("Cette session a déjà eu lieu : les inscriptions sont closes.")
            )
        if verrou.parent_id is not None:
            raise InscriptionImpossible(
                _("Cette étape fait partie d'un parcours : inscrivez-vous au parcours entier.")
            )
        existante = Inscription.objects.filter(session=verrou, email__iexact=email).first()
        if existante and existante.statut != StatutInscription.ANNULEE:
            return Resultat(existante, nouvelle=False)
        complet = _complet(verrou)
        inscription = existante or Inscription(session=verrou, email=email)
        inscription.nom = nom
        inscription.organisation = organisation
        inscription.profil = profil or inscription.profil
        inscription.consentement = consentement
        inscription.utilisateur = utilisateur or inscription.utilisateur
        inscription.relais = relais or inscription.relais
        inscription.origine = (
            origine or inscription.origine or (relais.code if relais is not None else "")
        )[:100]
        inscription.cree_le = maintenant
        inscription.annulee_le = None
        inscription.statut = StatutInscription.ATTENTE if complet else StatutInscription.CONFIRMEE
        inscription.confirmee_le = None if complet else maintenant
        try:
            with transaction.atomic():
                inscription.save()
        except IntegrityError:
            # Course perdue contre la même adresse : l'autre inscription fait foi.
            autre = Inscription.objects.get(session=verrou, email__iexact=email)
            return Resultat(autre, nouvelle=False)
        _etapes_inscrire(inscription)
        _reserver_confirmation(inscription)
    return Resultat(inscription, nouvelle=True)


def _etapes_inscrire(inscription: Inscription) -> list[Inscription]:
    """Inscrit aux étapes publiées de la session (parcours), avec le statut de l'inscription
    à la parente ; à appeler sous le verrou de la parente. Aucun e-mail : celui de la parente
    vaut pour tout le parcours."""
    etapes = list(
        Session.objects.filter(parent_id=inscription.session_id, statut=StatutSession.PUBLIE)
    )
    if not etapes:
        return []
    existantes = {
        i.session_id: i
        for i in Inscription.objects.select_for_update().filter(
            session__in=etapes, email__iexact=inscription.email
        )
    }
    champs = ["nom", "organisation", "profil", "consentement", "utilisateur", "relais", "origine"]
    faites = []
    for etape in etapes:
        ligne = existantes.get(etape.pk) or Inscription(session=etape, email=inscription.email)
        for champ in champs:
            setattr(ligne, champ, getattr(inscription, champ))
        ligne.statut = inscription.statut
        ligne.cree_le = inscription.cree_le
        ligne.confirmee_le = inscription.confirmee_le
        ligne.annulee_le = inscription.annulee_le
        ligne.save()
        faites.append(ligne)
    return faites


def parcours_etapes_completer(*, parcours: Session) -> int:
    """Inscrit aux étapes ajoutées après coup les personnes déjà inscrites au parcours (même
    statut, aucun e-mail) ; sans effet sur celles qui y sont déjà. Renvoie le nombre
    d'inscriptions aux étapes créées ou remises à jour."""
    nombre = 0
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=parcours.pk)
        for inscription in parcours.inscriptions.exclude(statut=StatutInscription.ANNULEE):
            nombre += len(_etapes_inscrire(inscription))
    return nombre


def _etapes_suivre(inscription: Inscription, **champs) -> int:
    """Reporte un changement de statut de l'inscription au parcours sur ses étapes."""
    return Inscription.objects.filter(
        session__parent_id=inscription.session_id, email__iexact=inscription.email
    ).update(**champs)


def _reserver_confirmation(inscription: Inscription) -> None:
    """Réserve l'e-mail « confirmée » ou « liste d'attente » : un par état et par moment
    (une réinscription ou une promotion en donne un nouveau, un double clic non)."""
    attente = inscription.statut == StatutInscription.ATTENTE
    envois.envoi_programmer(
        genre=GENRE_ATTENTE if attente else GENRE_CONFIRMATION,
        email=inscription.email,
        objet_id=inscription.pk,
        source_id=inscription.pk,
        du_le=inscription.cree_le if attente else inscription.confirmee_le,
    )


def inscription_annuler(*, jeton: str) -> Inscription:
    """Annule une inscription et, si une place se libère, confirme la suivante en attente.

    Une inscription à un parcours s'annule en entier (étapes comprises), y compris depuis le
    lien d'une de ses étapes."""
    with transaction.atomic():
        inscription = Inscription.objects.select_related("session").get(jeton=jeton)
        if inscription.session.parent_id is not None:
            parente = Inscription.objects.filter(
                session_id=inscription.session.parent_id, email__iexact=inscription.email
            ).first()
            inscription = parente or inscription
        session = Session.objects.select_for_update().get(pk=inscription.session_id)
        inscription.refresh_from_db()
        if inscription.statut == StatutInscription.ANNULEE:
            return inscription
        liberait_une_place = inscription.statut == StatutInscription.CONFIRMEE
        inscription.statut = StatutInscription.ANNULEE
        inscription.annulee_le = timezone.now()
        inscription.save(update_fields=["statut", "annulee_le"])
        _etapes_suivre(
            inscription, statut=StatutInscription.ANNULEE, annulee_le=inscription.annulee_le
        )
        if liberait_une_place and session.debut > timezone.now():
            liste_attente_promouvoir(session=session)
    return inscription


def liste_attente_promouvoir(*, session: Session) -> list[Inscription]:
    """Confirme les premières personnes en attente dans la limite des places libres.

    À appeler sous le verrou de la session (``select_for_update``).
    """
    attente = (
        session.inscriptions.select_for_update()
        .filter(statut=StatutInscription.ATTENTE)
        .order_by("cree_le", "id")
    )
    if session.capacite is not None:
        confirmes = session.inscriptions.filter(statut=StatutInscription.CONFIRMEE).count()
        attente = attente[: max(session.capacite - confirmes, 0)]
    promues = list(attente)
    maintenant = timezone.now()
    for inscription in promues:
        inscription.statut = StatutInscription.CONFIRMEE
        inscription.confirmee_le = maintenant
        inscription.save(update_fields=["statut", "confirmee_le"])
        _etapes_suivre(inscription, statut=StatutInscription.CONFIRMEE, confirmee_le=maintenant)
        _reserver_confirmation(inscription)
    return promues


def session_enregistrer(*, session: Session) -> set[str]:
    """Enregistre une session modifiée par l'équipe (administration, liste modifiable).

    Compare avec la ligne en base, verrouillée : un déplacement de date ou une annulation
    est noté (:func:`session_marquer_modification`). Une nouvelle session est simplement
    créée. Renvoie les moments notés.
    """
    with transaction.atomic():
        if session.pk is None:
            session.save()
            return set()
        avant = (
            Session.objects.select_for_update().only("debut", "fin", "statut").get(pk=session.pk)
        )
        dates_changees = (avant.debut, avant.fin) != (session.debut, session.fin)
        annulee = session.statut == StatutSession.ANNULE != avant.statut
        session.save()
        return session_marquer_modification(
            session=session, dates_changees=dates_changees, annulee=annulee
        )


def session_marquer_modification(
    *, session: Session, dates_changees: bool, annulee: bool = False
) -> set[str]:
    """Après une modification par l'équipe : version iCalendar (SEQUENCE) et moment du
    changement de date ou de l'annulation, qui rend dû l'e-mail aux inscrits.

    Renvoie les moments notés parmi ``dates_modifiees_le`` et ``annule_le``.
    """
    maintenant = timezone.now()
    a_venir = session.debut > maintenant
    champs = {}
    if dates_changees or annulee:
        champs["version"] = F("version") + 1
    if dates_changees and a_venir and session.statut == StatutSession.PUBLIE:
        champs["dates_modifiees_le"] = maintenant
    if annulee and a_venir and session.statut == StatutSession.ANNULE:
        champs["annule_le"] = maintenant
    if champs:
        Session.objects.filter(pk=session.pk).update(**champs)
        session.refresh_from_db()
    return {"dates_modifiees_le", "annule_le"} & set(champs)


def presence_marquer(
    *, inscription: Inscription, session: Session | None = None, present: bool = True, par=None
) -> Presence:
    """Note la présence (ou l'absence) d'un inscrit à sa session ou à une étape de celle-ci ;
    noter deux fois met la même ligne à jour."""
    session = session or inscription.session
    if inscription.session_id not in (session.pk, session.parent_id):
        raise ValueError(_("Cette session n'est ni celle de l'inscription ni une de ses étapes."))
    presence, _cree = Presence.objects.update_or_create(
        inscription=inscription,
        session=session,
        defaults={"present": present, "marquee_le": timezone.now(), "marquee_par": par},
    )
    return presence
