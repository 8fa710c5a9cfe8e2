"""Date déplacée ou webinaire annulé par l'équipe : les inscrits sont prévenus une fois, avec
l'agenda à jour, et les rappels suivent la nouvelle date."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from agenda.models import Inscription
from envois import services as envois
from envois.models import Envoi
from webinaires import rappels, services

from .conftest import inscrit

pytestmark = pytest.mark.django_db


def _evenement(message):
    ((nom, contenu, type_mime),) = message.attachments
    assert (nom, type_mime) == ("webinaire.ics", "text/calendar")
    (evenement,) = Calendar.from_ical(contenu).walk("VEVENT")
    return evenement


def _sujets(prefixe):
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith(prefixe))


def test_date_deplacee_previent_les_inscrits_une_fois_et_rearme_les_rappels(
    webinaire, modifier_en_admin
):
    avant = webinaire.debut - timedelta(days=30)
    for email in ("a@exemple.org", "b@exemple.org"):
        inscrit(webinaire, email, confirmee_le=avant)
    inscrit(webinaire, "attente@exemple.org", confirmee_le=None, statut="attente")
    ancienne_veille = webinaire.debut - timedelta(days=1)
    # Le rappel de la veille (ancienne date) a été réservé mais n'est pas encore parti.
    rappels.planifier(maintenant=ancienne_veille + timedelta(minutes=1))
    assert Envoi.objects.filter(genre="webinaires.veille", statut="a_envoyer").count() == 2

    nouveau_debut = webinaire.debut + timedelta(days=7, hours=1)
    reponse = modifier_en_admin(
        webinaire, debut=nouveau_debut, fin=nouveau_debut + timedelta(minutes=90)
    )
    assert "2 inscrits confirmés recevront la nouvelle date par e-mail" in (
        reponse.content.decode()
    )
    assert webinaire.dates_modifiees_le is not None and webinaire.version == 2
    # Inscrite après le changement : sa confirmation portait déjà la nouvelle date.
    inscrit(webinaire, "apres@exemple.org", confirmee_le=timezone.now() + timedelta(seconds=1))

    instant = timezone.now() + timedelta(minutes=1)
    assert envois.traiter(maintenant=instant)["envoyes"] == 2
    assert envois.traiter(maintenant=instant + timedelta(minutes=5))["envoyes"] == 0
    assert _sujets("Nouvelle date") == ["a@exemple.org", "b@exemple.org"]
    assert len(mail.outbox) == 2  # le rappel réservé pour l'ancienne date n'est pas parti
    assert Envoi.objects.filter(genre="webinaires.veille", statut="perime").count() == 2
    message = mail.outbox[0]
    jour = timezone.localtime(nouveau_debut)
    assert f"{jour.day} " in message.body and jour.strftime("%Hh%M") in message.body
    assert "Annulez votre inscription" in message.body
    evenement = _evenement(message)
    assert evenement["sequence"] == 2
    assert evenement.decoded("dtstart") == nouveau_debut

    # L'ancienne veille ne déclenche plus rien ; la nouvelle, un rappel par inscrit.
    assert envois.traiter(maintenant=ancienne_veille + timedelta(minutes=6))["envoyes"] == 0
    nouvelle_veille = nouveau_debut - timedelta(days=1) + timedelta(minutes=2)
    assert envois.traiter(maintenant=nouvelle_veille)["envoyes"] == 3
    assert _sujets("Demain") == ["a@exemple.org", "apres@exemple.org", "b@exemple.org"]


def test_rappel_deja_parti_est_renvoye_pour_la_nouvelle_date(webinaire):
    inscrit(webinaire, "a@exemple.org", confirmee_le=webinaire.debut - timedelta(days=30))
    ancienne_heure = webinaire.debut - timedelta(minutes=58)
    assert envois.traiter(maintenant=ancienne_heure)["envoyes"] == 1
    webinaire.session.debut += timedelta(days=1)
    webinaire.session.fin += timedelta(days=1)
    webinaire.session.save()
    notes = services.webinaire_marquer_modification(
        webinaire=webinaire, dates_changees=True, replay_ajoute=False
    )
    assert notes == {"dates_modifiees_le"}
    nouvelle_heure = webinaire.debut - timedelta(minutes=58)
    assert envois.traiter(maintenant=nouvelle_heure)["envoyes"] == 1
    assert envois.traiter(maintenant=nouvelle_heure + timedelta(minutes=5))["envoyes"] == 0
    assert _sujets("Dans une heure") == ["a@exemple.org", "a@exemple.org"]


def test_annulation_previent_les_inscrits_et_arrete_les_rappels(
    webinaire, modifier_en_admin, client
):
    avant = webinaire.debut - timedelta(days=30)
    inscrit(webinaire, "a@exemple.org", confirmee_le=avant)
    inscrit(webinaire, "desinscrit@exemple.org", confirmee_le=avant, statut="annulee")
    reponse = modifier_en_admin(webinaire, statut="annule")
    assert "1 inscrit confirmé recevra l&#x27;annulation par e-mail" in reponse.content.decode()
    assert webinaire.annule_le is not None and webinaire.version == 2

    instant = timezone.now() + timedelta(minutes=1)
    assert envois.traiter(maintenant=instant)["envoyes"] == 1
    assert envois.traiter(maintenant=instant + timedelta(minutes=5))["envoyes"] == 0
    (message,) = mail.outbox
    assert message.to == ["a@exemple.org"] and message.subject.startswith("Webinaire annulé")
    assert "est annulé" in message.body and "/webinaires/" in message.body
    assert "Annulez votre inscription" not in message.body
    assert _evenement(message)["status"] == "CANCELLED"

    veille = webinaire.debut - timedelta(days=1) + timedelta(minutes=2)
    assert envois.traiter(maintenant=veille)["envoyes"] == 0
    assert len(mail.outbox) == 1

    # La page « Mon inscription » du lien personnel le dit, sans proposer d'agenda.
    jeton = Inscription.objects.get(email="a@exemple.org").jeton
    page = client.get(f"/webinaires/inscription/{jeton}/").content.decode()
    assert "Cette session est annulée" in page and "Ajouter à mon agenda" not in page


def test_webinaire_passe_ou_detail_sans_changement_de_date_ne_previent_personne(
    fabrique_webinaire, modifier_en_admin
):
    passe = fabrique_webinaire(dans=timedelta(days=-3))
    inscrit(passe, "a@exemple.org", confirmee_le=passe.debut - timedelta(days=9))
    modifier_en_admin(passe, debut=passe.debut + timedelta(hours=1))
    a_venir = fabrique_webinaire()
    inscrit(a_venir, "b@exemple.org", confirmee_le=a_venir.debut - timedelta(days=30))
    modifier_en_admin(a_venir, titre="Nouveau titre")
    assert passe.dates_modifiees_le is None and a_venir.dates_modifiees_le is None
    assert envois.traiter()["envoyes"] == 0
