"""Écritures du pilier 3 : inscription à une session de module, présences, attestations de
présence et certificats d'aptitude (émission exactement une fois, PDF, révocation).

Inscriptions, liste d'attente et présences sont celles de l'agenda (``agenda.services``) ;
chaque e-mail est une ligne de la boîte d'envoi (``envois``), réservée dans la transaction
qui crée l'attestation : une émission rejouée ou concurrente retombe sur la même ligne.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agenda import services as agenda
from agenda.enums import StatutInscription
from agenda.models import Inscription, Presence, Session
from envois import services as envois
from rameau import site

from .enums import FORMAT, FORMATS_ATTESTES, GENRE_ATTESTATION, GENRE_CERTIFICAT, Nature
from .models import Attestation, Certificat, Module

logger = logging.getLogger(__name__)


class InscriptionImpossible(Exception):
    """Inscription refusée (session d'un autre module, passée…) ; message en français."""


class EmissionImpossible(Exception):
    """Pas d'attestation sans présence notée à une session d'un module."""


# --- Inscription ------------------------------------------------------------------------------


def inscription_module_creer(*, module: Module, session: Session, **donnees) -> agenda.Resultat:
    """Inscrit à une session de ce module (voir :func:`agenda.services.inscription_creer`)."""
    if getattr(getattr(session, "module_formation", None), "module_id", None) != module.pk:
        raise InscriptionImpossible(_("Cette session n'appartient pas à ce module."))
    try:
        return agenda.inscription_creer(session=session, **donnees)
    except agenda.InscriptionImpossible as exc:
        raise InscriptionImpossible(str(exc)) from exc


# --- Présences --------------------------------------------------------------------------------


def presences_noter(*, session: Session, presents: set[int], par=None) -> int:
    """Note présents les inscrits confirmés de ``presents`` (identifiants d'inscriptions),
    absents les autres inscrits confirmés de la session ; renvoie le nombre de présents.

    Les attestations des présents partent après le commit (``formations.signaux``)."""
    with transaction.atomic():
        inscriptions = list(
            session.inscriptions.filter(statut=StatutInscription.CONFIRMEE).order_by("nom", "id")
        )
        for inscription in inscriptions:
            agenda.presence_marquer(
                inscription=inscription,
                session=session,
                present=inscription.pk in presents,
                par=par,
            )
    return sum(1 for i in inscriptions if i.pk in presents)


# --- Attestations -----------------------------------------------------------------------------


def attestation_emettre(*, inscription: Inscription) -> tuple[Attestation, bool]:
    """Émet l'attestation de présence d'une inscription (présence notée) ; renvoie
    ``(attestation, nouvelle)``.

    Exactement une fois : la contrainte d'unicité sur l'inscription départage deux émissions
    concurrentes (la seconde attend la première puis la retrouve) ; seule la première réserve
    l'e-mail. Le certificat d'aptitude suit quand ce module complète une règle.
    """
    session = inscription.session
    module_session = getattr(session, "module_formation", None)
    if session.format.slug not in FORMATS_ATTESTES or (
        session.format.slug == FORMAT and module_session is None
    ):
        raise EmissionImpossible(_("La présence à cette session ne donne pas d'attestation."))
    if not Presence.objects.filter(inscription=inscription, session=session, present=True).exists():
        raise EmissionImpossible(_("La présence de cette personne n'est pas notée."))
    module = module_session.module if module_session is not None else None
    if module is not None:
        intitule = module.titre
    elif session.parent_id:  # une étape de parcours
        intitule = f"{session.parent.titre} — {session.titre}"
    else:
        intitule = session.titre
    with transaction.atomic():
        _verrouiller_adresse(inscription.email)
        attestation = Attestation(
            nature=Nature.PRESENCE,
            inscription=inscription,
            module=module,
            nom=inscription.nom,
            email=inscription.email.strip().lower(),
            utilisateur=inscription.utilisateur,
            intitule=intitule[:200],
            debut=session.debut,
            fin=session.fin,
            lieu=session.lieu,
        )
        try:
            with transaction.atomic():
                attestation.save()
        except IntegrityError:
            return Attestation.objects.get(inscription=inscription), False
        envois.envoi_programmer(
            genre=GENRE_ATTESTATION,
            email=attestation.email,
            objet_id=attestation.pk,
            du_le=attestation.emise_le,
        )
        certificats_verifier(email=attestation.email)
    return attestation, True


def _verrouiller_adresse(email: str) -> None:
    """Sérialise les émissions d'une même adresse jusqu'à la fin de la transaction (verrou
    consultatif PostgreSQL) : deux modules suivis en même temps voient chacun l'attestation
    de l'autre, et le certificat qu'ils complètent ensemble est bien délivré."""
    if connection.vendor != "postgresql":
        return
    cle = int.from_bytes(
        hashlib.sha256(f"formations:{email.strip().lower()}".encode()).digest()[:8],
        "big",
        signed=True,
    )
    with connection.cursor() as curseur:
        curseur.execute("SELECT pg_advisory_xact_lock(%s)", [cle])


def attestation_depuis_presence(*, presence_id: int) -> Attestation | None:
    """Ce que fait la tâche après une présence notée : émettre puis rendre le PDF."""
    presence = (
        Presence.objects.select_related(
            "inscription__utilisateur",
            "session__format",
            "session__parent",
            "session__module_formation__module",
        )
        .filter(pk=presence_id, present=True)
        .first()
    )
    if presence is None or presence.session_id != presence.inscription.session_id:
        return None
    if presence.session.format.slug not in FORMATS_ATTESTES:
        return None
    try:
        attestation, _nouvelle = attestation_emettre(inscription=presence.inscription)
    except EmissionImpossible:
        return None
    if not attestation.pdf:
        attestation_rendre_pdf(attestation=attestation)
    return attestation


def certificats_verifier(*, email: str) -> list[Attestation]:
    """Délivre les certificats d'aptitude dont cette adresse a désormais suivi tous les
    modules requis (attestations de présence valides) ; renvoie ceux délivrés maintenant."""
    email = email.strip().lower()
    suivis = set(
        Attestation.objects.valides()
        .annotate(e=Lower("email"))
        .filter(e=email, nature=Nature.PRESENCE)
        .values_list("module_id", flat=True)
    )
    derniere = (
        Attestation.objects.valides()
        .annotate(e=Lower("email"))
        .filter(e=email, nature=Nature.PRESENCE)
        .order_by("-emise_le")
        .first()
    )
    delivres = []
    regles = Certificat.objects.filter(actif=True, modules__in=suivis).distinct()
    for certificat in regles.prefetch_related("modules"):
        requis = {m.pk for m in certificat.modules.all()}
        if not requis or not requis <= suivis:
            continue
        attestation = Attestation(
            nature=Nature.CERTIFICAT,
            certificat=certificat,
            nom=derniere.nom,
            email=email,
            utilisateur=derniere.utilisateur,
            intitule=certificat.titre,
        )
        try:
            with transaction.atomic():
                attestation.save()
        except IntegrityError:
            continue  # déjà délivré
        envois.envoi_programmer(
            genre=GENRE_CERTIFICAT,
            email=email,
            objet_id=attestation.pk,
            du_le=attestation.emise_le,
        )
        delivres.append(attestation)
    return delivres


def attestation_revoquer(*, attestation: Attestation, motif: str, par=None) -> Attestation:
    """Révoque une attestation (la page de vérification le dit) ; révoquer deux fois garde
    le premier motif."""
    motif = " ".join((motif or "").split())
    if not motif:
        raise ValueError(_("Indiquez le motif de la révocation."))
    Attestation.objects.filter(pk=attestation.pk, revoquee_le__isnull=True).update(
        revoquee_le=timezone.now(), motif_revocation=motif[:2000], revoquee_par=par
    )
    attestation.refresh_from_db()
    return attestation


# --- PDF --------------------------------------------------------------------------------------


def qr_svg(url: str) -> str:
    """Le QR code de l'adresse de vérification, en SVG vectoriel (URL ``data:``)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#1d1d1b")


def html_attestation(attestation: Attestation) -> str:
    url = site.url_absolue(attestation.get_absolute_url())
    modules = []
    if attestation.certificat_id:
        modules = list(attestation.certificat.modules.order_by("niveau", "ordre", "titre"))
    with translation.override("fr"):
        return render_to_string(
            "formations/pdf/attestation.html",
            {
                "attestation": attestation,
                "url_verification": url,
                "qr": qr_svg(url),
                "modules": modules,
            },
        )


def attestation_rendre_pdf(*, attestation: Attestation) -> Attestation:
    """Rend le PDF (WeasyPrint) et le range ; la page de téléchargement le sert ensuite."""
    from ressources.pdf import rendre_pdf

    contenu = rendre_pdf(html_attestation(attestation))
    attestation.pdf.save(f"{attestation.code}.pdf", ContentFile(contenu), save=False)
    Attestation.objects.filter(pk=attestation.pk).update(pdf=attestation.pdf.name)
    return attestation


def emargement_pdf(*, session: Session) -> bytes:
    """La feuille d'émargement d'une session (inscrits confirmés, une ligne à signer)."""
    from ressources.pdf import rendre_pdf

    inscrits = session.inscriptions.filter(statut=StatutInscription.CONFIRMEE).order_by("nom", "id")
    module_session = getattr(session, "module_formation", None)
    with translation.override("fr"):
        html = render_to_string(
            "formations/pdf/emargement.html",
            {
                "session": session,
                "module": module_session.module if module_session else None,
                "inscrits": list(inscrits),
            },
        )
    return rendre_pdf(html)


def attestation_pdf_assurer(*, attestation_id: int) -> bool:
    """Rend le PDF d'une attestation valide s'il manque ; vrai si un PDF a été rendu."""
    attestation = Attestation.objects.valides().filter(pk=attestation_id, pdf="").first()
    if attestation is None:
        return False
    attestation_rendre_pdf(attestation=attestation)
    return True


# --- Rattrapage (planificateur du beat) -------------------------------------------------------


def attestations_rattraper(maintenant=None) -> dict:
    """Émet les attestations des présences notées restées sans attestation (worker ou
    courtier indisponible au moment du commit) ; sans effet sinon."""
    manquantes = Presence.objects.filter(
        Q(session__format__slug__in=FORMATS_ATTESTES),
        Q(session__module_formation__isnull=False) | ~Q(session__format__slug=FORMAT),
        present=True,
        inscription__attestation__isnull=True,
        session_id=F("inscription__session_id"),
    ).values_list("pk", flat=True)[:50]
    emises = 0
    for presence_id in list(manquantes):
        if attestation_depuis_presence(presence_id=presence_id):
            emises += 1
    # Attestations valides émises mais dont le PDF n'a pas été rendu (worker tué).
    rendus = 0
    for attestation in Attestation.objects.valides().filter(pdf="")[:20]:
        attestation_rendre_pdf(attestation=attestation)
        rendus += 1
    bilan = {"attestations": emises, "pdf_attestations": rendus}
    return {cle: n for cle, n in bilan.items() if n}
