from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from agenda import services as agenda
from envois import listes
from envois import services as envois
from envois.models import Abonnement, Envoi
from tests.factories import AbonnementFactory
from webinaires import rappels, services

from .conftest import inscrit

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _annonces():
    return listes.liste_par_code("annonces-du-cycle")


def _abonne(cycle, email, *, confirme_le):
    return AbonnementFactory(
        liste=_annonces(), email=email, statut="confirme", confirme_le=confirme_le
    )


def test_rappels_veille_et_heure_une_seule_fois_avec_le_lien(webinaire):
    longtemps = webinaire.debut - timedelta(days=30)
    for i in range(3):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=longtemps)
    veille = webinaire.debut - timedelta(days=1) + timedelta(minutes=2)
    assert envois.traiter(maintenant=veille)["envoyes"] == 3
    assert envois.traiter(maintenant=veille + timedelta(minutes=5))["envoyes"] == 0
    assert {m.to[0] for m in mail.outbox} == {"p0@exemple.org", "p1@exemple.org", "p2@exemple.org"}
    assert all("https://visio.exemple.org/salle" in m.body for m in mail.outbox)
    assert all(m.subject.startswith("Demain") for m in mail.outbox)
    heure = webinaire.debut - timedelta(minutes=55)
    assert envois.traiter(maintenant=heure)["envoyes"] == 3
    assert Envoi.objects.filter(statut="envoye").count() == 6
    assert len(mail.outbox) == 6


def test_inscrit_apres_l_heure_du_rappel_ne_le_recoit_pas(webinaire):
    moment_veille = webinaire.debut - timedelta(days=1)
    inscrit(webinaire, "tot@exemple.org", confirmee_le=moment_veille - timedelta(hours=2))
    inscrit(webinaire, "tard@exemple.org", confirmee_le=moment_veille + timedelta(minutes=1))
    envois.traiter(maintenant=moment_veille + timedelta(minutes=10))
    assert [m.to for m in mail.outbox] == [["tot@exemple.org"]]


def test_annonce_aux_abonnes_avec_desabonnement_en_un_clic(webinaire):
    abonne = _abonne(webinaire.cycle, "abonne@exemple.org", confirme_le=timezone.now())
    AbonnementFactory(liste=_annonces(), email="pas-confirme@exemple.org")
    envois.traiter(maintenant=webinaire.debut - timedelta(days=7) + timedelta(minutes=1))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Prochain webinaire")
    https, mailto = message.extra_headers["List-Unsubscribe"].split(", ")
    assert https.endswith(f"/abonnements/desabonner/{abonne.jeton}/>")
    assert mailto.startswith("<mailto:")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Id"].startswith(
        "Annonces des webinaires <annonces-du-cycle."
    )
    assert f"/abonnements/desabonner/{abonne.jeton}/" in message.body


def test_annonce_pas_envoyee_a_une_adresse_supprimee_mais_rappel_oui(webinaire):
    """« Ne plus rien recevoir » : plus d'annonce ; le rappel du webinaire auquel la personne
    s'est inscrite elle-même part toujours (transactionnel)."""
    _abonne(webinaire.cycle, "a@exemple.org", confirme_le=timezone.now() - timedelta(days=30))
    inscrit(webinaire, "a@exemple.org", confirmee_le=webinaire.debut - timedelta(days=30))
    listes.suppression_ajouter(email="a@exemple.org", motif="rebond")
    Abonnement.objects.update(statut="confirme")  # même si l'abonnement traînait confirmé
    envois.traiter(maintenant=webinaire.debut - timedelta(days=7) + timedelta(minutes=1))
    assert mail.outbox == []
    assert Envoi.objects.get(genre="webinaires.annonce").statut == "abandonne"
    envois.traiter(maintenant=webinaire.debut - timedelta(days=1) + timedelta(minutes=1))
    assert [m.subject.split(" :")[0] for m in mail.outbox] == ["Demain"]


def test_apres_une_panne_rattrape_dans_la_fenetre_et_note_le_reste_manque(webinaire, settings):
    settings.ENVOIS_FENETRE_RATTRAPAGE_HEURES = 6
    _abonne(webinaire.cycle, "a@exemple.org", confirme_le=webinaire.debut - timedelta(days=60))
    inscrit(webinaire, "i@exemple.org", confirmee_le=webinaire.debut - timedelta(days=60))
    # Annonce due il y a 7 jours − 1 h = hors fenêtre ; veille due il y a 5 h = dans la fenêtre.
    redemarrage = webinaire.debut - timedelta(hours=19)
    bilan = envois.traiter(maintenant=redemarrage)
    assert bilan["envoyes"] == 1 and bilan["manques"] == 1
    assert [m.subject.split(" :")[0] for m in mail.outbox] == ["Demain"]
    assert Envoi.objects.get(genre="webinaires.annonce").statut == "manque"
    # Le rappel d'une heure avant, si le serveur revient après le début, est manqué.
    bilan = envois.traiter(maintenant=webinaire.debut + timedelta(minutes=10))
    assert bilan["envoyes"] == 0 and Envoi.objects.get(genre="webinaires.heure").statut == "manque"


def test_replay_envoye_une_fois_quand_l_equipe_l_ajoute(fabrique_webinaire):
    passe = fabrique_webinaire(dans=timedelta(days=-2))
    inscrit(passe, "i@exemple.org", confirmee_le=passe.debut - timedelta(days=3))
    assert envois.traiter()["envoyes"] == 0
    passe.lien_replay = "https://replay.exemple.org/42"
    passe.ressources = "Fiche repère | https://exemple.org/fiche.pdf"
    passe.save()
    services.webinaire_marquer_modification(
        webinaire=passe, dates_changees=False, replay_ajoute=True
    )
    assert envois.traiter()["envoyes"] == 1
    assert envois.traiter()["envoyes"] == 0
    assert "https://replay.exemple.org/42" in mail.outbox[0].body
    assert "https://exemple.org/fiche.pdf" in mail.outbox[0].body


def test_desinscrit_entre_reservation_et_envoi_n_est_pas_ecrit(webinaire):
    inscription = inscrit(webinaire, "i@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    agenda.inscription_annuler(jeton=inscription.jeton)
    assert envois.envoyer_dus(maintenant=instant) == 0
    assert Envoi.objects.get(genre="webinaires.heure").statut == "abandonne"


def test_commande_envoyer_rappels_avec_maintenant(webinaire):
    inscrit(webinaire, "i@exemple.org", confirmee_le=webinaire.debut - timedelta(days=9))
    instant = (webinaire.debut - timedelta(minutes=50)).astimezone(PARIS)
    sortie = StringIO()
    call_command("envoyer_rappels", "--maintenant", instant.isoformat(), stdout=sortie)
    assert "1 envoyé(s)" in sortie.getvalue()
    with pytest.raises(CommandError, match="Instant invalide"):
        call_command("envoyer_rappels", "--maintenant", "demain")
    with pytest.raises(CommandError, match="décalage"):
        call_command("envoyer_rappels", "--maintenant", "2020-11-18T12:00")


def test_commande_sur_le_cycle_2020(db):
    """L'exemple de l'issue : le 18 novembre 2020 à midi, la veille du webinaire du 19."""
    call_command(
        "creer_cycle", "--debut", "2020-10", "--fin", "2021-10", "--publier", stdout=StringIO()
    )
    from webinaires.models import Webinaire

    novembre = Webinaire.objects.get(session__debut=datetime(2020, 11, 19, 13, tzinfo=PARIS))
    inscrit(novembre, "i@exemple.org", confirmee_le=datetime(2020, 11, 1, tzinfo=PARIS))
    sortie = StringIO()
    call_command("envoyer_rappels", "--maintenant", "2020-11-18T13:30+01:00", stdout=sortie)
    assert "1 envoyé(s)" in sortie.getvalue()
    assert mail.outbox[0].subject.startswith("Demain")
