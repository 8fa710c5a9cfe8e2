"""Fichiers iCalendar (RFC 5545) des sessions, construits avec la bibliothèque icalendar.

Une session = un VEVENT, d'UID stable (la date peut changer, l'UID non), de SEQUENCE égale à
la version de la session (incrémentée à chaque changement de date ou annulation) et de
STATUS:CANCELLED une fois annulée : l'agenda de l'inscrit ou de l'abonné suit le changement.
"""

from collections.abc import Iterable
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, vCalAddress, vText

from rameau import site

from . import registre
from .models import Session

RAPPEL_AVANT = timedelta(minutes=30)


def _organisateur() -> vCalAddress:
    nom, adresse = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organisateur = vCalAddress(f"mailto:{adresse}")
    organisateur.params["cn"] = vText(nom or "Le RAMEAU")
    return organisateur


def _libelle(session: Session) -> str:
    decrit = registre.de(session)
    return str(decrit.libelle) if decrit else session.format.nom


def evenement(session: Session, *, fiche: registre.Fiche, avec_lien_visio: bool = False) -> Event:
    url = site.url_absolue(fiche.url)
    description = [*fiche.texte, url]
    if avec_lien_visio and session.lien_visio:
        description.append(_("Lien de connexion : %(lien)s") % {"lien": session.lien_visio})
    libelle = _libelle(session)
    event = Event()
    event.add("uid", session.uid_ical)
    event.add("dtstamp", session.modifie_le or timezone.now())
    event.add("sequence", session.version)
    event.add("summary", f"{libelle} Le RAMEAU — {session.titre}")
    event.add("description", "\n\n".join(p for p in description if p))
    event.add("dtstart", timezone.localtime(session.debut))
    event.add("dtend", timezone.localtime(session.fin))
    event.add("url", url)
    visio = session.lien_visio if avec_lien_visio else ""
    event.add("location", visio or session.lieu or url)
    event.add("organizer", _organisateur())
    event.add("status", "CANCELLED" if session.est_annulee else "CONFIRMED")
    alarme = Alarm()
    alarme.add("action", "DISPLAY")
    alarme.add("description", _("Dans 30 minutes : %(titre)s") % {"titre": session.titre})
    alarme.add("trigger", -RAPPEL_AVANT)
    event.add_component(alarme)
    return event


def calendrier(
    sessions: Iterable[Session], *, nom: str = "Le RAMEAU", avec_lien_visio: bool = False
) -> bytes:
    """Un fichier ``.ics`` : un VEVENT par session (sessions avec leur format chargé)."""
    sessions = list(sessions)
    fiches = registre.fiches(sessions)
    cal = Calendar()
    cal.add("prodid", "-//Le RAMEAU//Agenda du programme//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nom)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    for session in sessions:
        cal.add_component(
            evenement(session, fiche=fiches[session.pk], avec_lien_visio=avec_lien_visio)
        )
    cal.add_missing_timezones()
    return cal.to_ical()
