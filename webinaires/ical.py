"""Fichiers iCalendar (RFC 5545) des webinaires, construits avec la bibliothèque icalendar."""

from collections.abc import Iterable
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, vCalAddress, vText

from rameau import site

from .models import Webinaire

RAPPEL_AVANT = timedelta(minutes=30)


def _organisateur() -> vCalAddress:
    nom, adresse = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organisateur = vCalAddress(f"mailto:{adresse}")
    organisateur.params["cn"] = vText(nom or "Le RAMEAU")
    return organisateur


def evenement(webinaire: Webinaire, *, avec_lien_connexion: bool = False) -> Event:
    url = site.url_absolue(webinaire.get_absolute_url())
    description = [webinaire.theme or webinaire.titre, webinaire.resume, url]
    if avec_lien_connexion and webinaire.lien_connexion:
        description.append(f"Lien de connexion : {webinaire.lien_connexion}")
    event = Event()
    # UID stable : la clé primaire ne change pas quand on déplace la date.
    event.add("uid", webinaire.uid_ical)
    event.add("dtstamp", webinaire.modifie_le or timezone.now())
    event.add("sequence", webinaire.version)
    event.add("summary", f"Webinaire Le RAMEAU — {webinaire.titre}")
    event.add("description", "\n\n".join(p for p in description if p))
    event.add("dtstart", timezone.localtime(webinaire.debut))
    event.add("dtend", timezone.localtime(webinaire.fin))
    event.add("url", url)
    event.add("location", webinaire.lien_connexion if avec_lien_connexion else url)
    event.add("organizer", _organisateur())
    event.add("status", "CANCELLED" if webinaire.statut == "annule" else "CONFIRMED")
    alarme = Alarm()
    alarme.add("action", "DISPLAY")
    alarme.add("description", f"Webinaire dans 30 minutes : {webinaire.titre}")
    alarme.add("trigger", -RAPPEL_AVANT)
    event.add_component(alarme)
    return event


def calendrier(
    webinaires: Iterable[Webinaire], *, nom: str = "Webinaires Le RAMEAU", **options
) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Le RAMEAU//Webinaires du programme//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nom)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    for webinaire in webinaires:
        cal.add_component(evenement(webinaire, **options))
    cal.add_missing_timezones()
    return cal.to_ical()
