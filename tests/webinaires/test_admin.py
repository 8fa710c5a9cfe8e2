from datetime import timedelta

import pytest

from webinaires.models import Cycle, Webinaire

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("modele", ["cycle", "webinaire", "inscription", "intervenant"])
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


def test_ajout_du_replay_en_administration_rend_dus_les_mails(
    modifier_en_admin, fabrique_webinaire
):
    passe = fabrique_webinaire(dans=timedelta(days=-1))
    modifier_en_admin(passe, lien_replay="https://replay.exemple.org/1")
    assert passe.replay_publie_le is not None


def test_webinaire_qui_finit_avant_de_commencer_message_clair(modifier_en_admin, webinaire):
    fin = webinaire.fin
    reponse = modifier_en_admin(
        webinaire, valide=False, fin=webinaire.debut - timedelta(minutes=30)
    )
    assert reponse.status_code == 200 and not reponse.redirect_chain
    assert "La fin doit être postérieure au début." in reponse.content.decode()
    assert webinaire.fin == fin
