from datetime import timedelta

import pytest

from tests.factories import UtilisateurFactory
from webinaires.models import Cycle, Webinaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def equipe(client):
    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "modele", ["cycle", "webinaire", "inscription", "abonnement", "envoi", "intervenant"]
)
def test_listes_d_administration(equipe, webinaire, modele):
    reponse = equipe.get(f"/admin/webinaires/{modele}/")
    assert reponse.status_code == 200


def test_fiche_webinaire_avec_les_quatre_temps(equipe, webinaire):
    html = equipe.get(f"/admin/webinaires/webinaire/{webinaire.pk}/change/").content.decode()
    assert html.count("sequences-") >= 4 and "Éclairage" in html


def test_action_creer_les_webinaires_du_cycle(equipe):
    cycle = Cycle.objects.create(titre="Cycle", slug="c", debut="2020-10-01", fin="2021-10-01")
    reponse = equipe.post(
        "/admin/webinaires/cycle/",
        {"action": "completer_webinaires", "_selected_action": [cycle.pk]},
        follow=True,
    )
    assert "2020-10-15T13:00:00+02:00" in reponse.content.decode()
    assert Webinaire.objects.count() == 13


def test_ajout_du_replay_en_administration_rend_dus_les_mails(equipe, fabrique_webinaire):
    passe = fabrique_webinaire(dans=timedelta(days=-1))
    url = f"/admin/webinaires/webinaire/{passe.pk}/change/"
    formulaire = equipe.get(url).context["adminform"].form
    donnees = {
        k: (v if v is not None else "")
        for k, v in formulaire.initial.items()
        if k not in ("partenaires", "programmes_recherche", "modeles", "formats")
    }
    debut, fin = passe.debut.astimezone(), passe.fin.astimezone()
    donnees.update(
        cycle=passe.cycle_id,
        debut_0=debut.strftime("%d/%m/%Y"),
        debut_1=debut.strftime("%H:%M:%S"),
        fin_0=fin.strftime("%d/%m/%Y"),
        fin_1=fin.strftime("%H:%M:%S"),
        lien_replay="https://replay.exemple.org/1",
        **{
            "sequences-TOTAL_FORMS": "0",
            "sequences-INITIAL_FORMS": "0",
            "inscriptions-TOTAL_FORMS": "0",
            "inscriptions-INITIAL_FORMS": "0",
        },
    )
    reponse = equipe.post(url, donnees)
    assert reponse.status_code == 302, reponse.context["adminform"].form.errors
    passe.refresh_from_db()
    assert passe.replay_publie_le is not None
