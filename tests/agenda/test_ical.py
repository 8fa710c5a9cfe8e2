"""Agenda iCalendar : un VEVENT par session, UID stable, SEQUENCE = version, annulation
STATUS:CANCELLED ; flux par format et flux personnel de chaque inscrit."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from agenda import services
from tests.factories import InscriptionFactory, SessionFactory, WebinaireFactory

pytestmark = pytest.mark.django_db


def _evenements(reponse):
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/calendar; charset=utf-8"
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(reponse.content).walk("VEVENT")}


def test_flux_d_un_format_suit_les_changements_avec_le_meme_uid(client, contenu_programme):
    atelier = SessionFactory(titre="Atelier proche", lieu="Lyon")
    SessionFactory(titre="Atelier brouillon", statut="brouillon")
    SessionFactory(titre="Co-développement", slug_format="co-developpement")
    evenements = _evenements(client.get("/agenda/ateliers.ics"))
    assert list(evenements) == ["Atelier Le RAMEAU — Atelier proche"]
    (evenement,) = evenements.values()
    uid = str(evenement["UID"])
    assert uid == f"session-{atelier.pk}@rameau"
    assert evenement["SEQUENCE"] == 1 and str(evenement["STATUS"]) == "CONFIRMED"
    assert str(evenement["LOCATION"]) == "Lyon"

    atelier.debut += timedelta(days=2)
    atelier.fin += timedelta(days=2)
    atelier.save()
    services.session_marquer_modification(session=atelier, dates_changees=True)
    atelier.statut = "annule"
    atelier.save()
    services.session_marquer_modification(session=atelier, dates_changees=False, annulee=True)
    (evenement,) = _evenements(client.get("/agenda/ateliers.ics")).values()
    assert str(evenement["UID"]) == uid
    assert evenement["SEQUENCE"] == 3
    assert str(evenement["STATUS"]) == "CANCELLED"
    assert evenement.decoded("DTSTART") == atelier.debut
    assert client.get("/agenda/inconnu.ics").status_code == 404


def test_flux_personnel_de_l_inscrit_avec_ses_sessions_et_le_lien_de_connexion(
    client, contenu_programme
):
    webinaire = WebinaireFactory(titre="Hybrider ses ressources")
    atelier = SessionFactory(titre="Atelier", lien_visio="https://visio.exemple.org/atelier")
    a_moi = InscriptionFactory(session=atelier, email="moi@exemple.org")
    InscriptionFactory(session=webinaire.session, email="MOI@exemple.org")
    annulee = SessionFactory(titre="Session quittée")
    InscriptionFactory(session=annulee, email="moi@exemple.org", statut="annulee")
    InscriptionFactory(session=SessionFactory(titre="Pas la mienne"), email="autre@exemple.org")
    evenements = _evenements(client.get(f"/agenda/inscrit/{a_moi.jeton}.ics"))
    assert set(evenements) == {
        "Atelier Le RAMEAU — Atelier",
        "Webinaire Le RAMEAU — Hybrider ses ressources",
    }
    du_webinaire = evenements["Webinaire Le RAMEAU — Hybrider ses ressources"]
    assert str(du_webinaire["UID"]) == f"webinaire-{webinaire.pk}@rameau"
    assert webinaire.get_absolute_url() in str(du_webinaire["URL"])
    assert "https://visio.exemple.org/atelier" in str(
        evenements["Atelier Le RAMEAU — Atelier"]["DESCRIPTION"]
    )
    assert client.get("/agenda/inscrit/jeton-inconnu.ics").status_code == 404


def test_ics_d_une_session(client, session):
    reponse = client.get(f"/agenda/sessions/{session.pk}.ics")
    assert "attachment" in reponse["Content-Disposition"]
    (evenement,) = _evenements(reponse).values()
    assert str(evenement["UID"]) == f"session-{session.pk}@rameau"
    brouillon = SessionFactory(statut="brouillon")
    assert client.get(f"/agenda/sessions/{brouillon.pk}.ics").status_code == 404


@pytest.mark.parametrize("nombre", [1, 3])
def test_flux_nombre_de_requetes_constant(client, django_assert_num_queries, nombre):
    from agenda.models import Inscription

    for i in range(nombre):
        InscriptionFactory(session=SessionFactory(titre=f"Atelier {i}"), email="moi@exemple.org")
        webinaire = WebinaireFactory(titre=f"Webinaire {i}")
        InscriptionFactory(session=webinaire.session, email="moi@exemple.org")
    jeton = Inscription.objects.first().jeton
    with django_assert_num_queries(2):  # le format, ses sessions
        assert len(_evenements(client.get("/agenda/ateliers.ics"))) == nombre
    with django_assert_num_queries(3):  # le jeton, les sessions, les pages des webinaires
        assert len(_evenements(client.get(f"/agenda/inscrit/{jeton}.ics"))) == 2 * nombre
