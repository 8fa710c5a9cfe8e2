"""Rappels des sessions hors webinaires (J-1, H-1), changement de date et annulation :
réservés par le planificateur de l'agenda dans la boîte d'envoi, envoyés une fois."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from agenda import services
from envois import services as envois
from envois.models import Envoi
from tests.factories import InscriptionFactory, WebinaireFactory

pytestmark = pytest.mark.django_db


def test_rappels_veille_et_heure_une_fois_aux_inscrits_confirmes(session):
    avant = session.debut - timedelta(days=9)
    InscriptionFactory(session=session, email="a@exemple.org", confirmee_le=avant)
    InscriptionFactory(session=session, email="attente@exemple.org", statut="attente")
    veille = session.debut - timedelta(days=1) + timedelta(minutes=2)
    assert envois.traiter(maintenant=veille)["envoyes"] == 1
    assert envois.traiter(maintenant=veille + timedelta(minutes=5))["envoyes"] == 0
    heure = session.debut - timedelta(minutes=58)
    assert envois.traiter(maintenant=heure)["envoyes"] == 1
    assert [m.subject.split(" :")[0] for m in mail.outbox] == ["Demain", "Dans une heure"]
    assert mail.outbox[0].to == ["a@exemple.org"]
    assert session.lieu in mail.outbox[0].body
    assert "/agenda/inscription/" in mail.outbox[0].body


def test_date_deplacee_previent_avec_l_agenda_a_jour(session):
    InscriptionFactory(session=session, email="a@exemple.org", confirmee_le=timezone.now())
    session.debut += timedelta(days=3)
    session.fin += timedelta(days=3)
    session.save()
    services.session_marquer_modification(session=session, dates_changees=True)
    assert envois.traiter(maintenant=timezone.now() + timedelta(minutes=1))["envoyes"] == 1
    (message,) = mail.outbox
    assert message.subject.startswith("Nouvelle date")
    ((nom, _contenu, type_mime),) = message.attachments
    assert (nom, type_mime) == ("atelier.ics", "text/calendar")


def test_les_webinaires_gardent_leurs_propres_rappels(contenu_programme):
    webinaire = WebinaireFactory()
    InscriptionFactory(session=webinaire.session, confirmee_le=webinaire.debut - timedelta(days=9))
    envois.planifier(maintenant=webinaire.debut - timedelta(minutes=58))
    genres = set(Envoi.objects.values_list("genre", flat=True))
    assert "webinaires.heure" in genres
    assert not {g for g in genres if g.startswith("agenda.")}
