from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from envois.models import Abonnement
from tests.factories import AbonnementFactory, PartenaireFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("nombre", [1, 3])
def test_liste_a_un_nombre_de_requetes_constant(
    client, fabrique_webinaire, nombre, django_assert_num_queries
):
    partenaire = PartenaireFactory(code="p", nom="Partenaire P")
    for i in range(nombre):
        fabrique_webinaire(dans=timedelta(days=3 + i)).partenaires.add(partenaire)
        fabrique_webinaire(dans=timedelta(days=-3 - i), lien_replay="https://replay.exemple.org")
    with django_assert_num_queries(5):
        reponse = client.get("/webinaires/")
    html = reponse.content.decode()
    assert html.count("webinaire-carte") == 2 * nombre
    assert "Voir le replay" in html
    assert "Partenaire P" in html


def test_detail_montre_les_quatre_temps_et_le_lien_agenda(client, webinaire):
    html = client.get(webinaire.get_absolute_url()).content.decode()
    for temps in ("Éclairage", "Témoignage d", "Questions / réponses", "Ressources pour"):
        assert temps in html
    assert f"/webinaires/{webinaire.slug}/webinaire.ics" in html
    assert "Ajouter à mon agenda" in html


def test_ics_d_un_webinaire(client, webinaire):
    reponse = client.get(f"/webinaires/{webinaire.slug}/webinaire.ics")
    assert reponse["Content-Type"].startswith("text/calendar")
    evenement = Calendar.from_ical(reponse.content).walk("VEVENT")[0]
    assert str(evenement["UID"]) == f"webinaire-{webinaire.pk}@rameau"
    assert evenement.decoded("DTSTART") == webinaire.debut


def test_flux_calendrier_relu_par_icalendar(client, fabrique_webinaire):
    recent = fabrique_webinaire(dans=timedelta(days=-100), titre="Il y a trois mois")
    fabrique_webinaire(dans=timedelta(days=-400), titre="Il y a plus d'un an")
    futur = fabrique_webinaire(dans=timedelta(days=20), titre="Bientôt")
    premier = client.get("/webinaires/calendrier.ics")
    calendrier = Calendar.from_ical(premier.content)
    evenements = calendrier.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in evenements] == [
        "Webinaire Le RAMEAU — Il y a trois mois",
        "Webinaire Le RAMEAU — Bientôt",
    ]
    uids = [f"webinaire-{recent.pk}@rameau", f"webinaire-{futur.pk}@rameau"]
    assert [str(e["UID"]) for e in evenements] == uids
    for evenement in evenements:
        assert evenement.walk("VALARM")
        assert "ORGANIZER" in evenement
    assert calendrier.walk("VTIMEZONE")
    # UID stables d'une lecture à l'autre, même après un déplacement de date.
    futur.session.debut += timedelta(days=7)
    futur.session.fin += timedelta(days=7)
    futur.session.save()
    second = Calendar.from_ical(client.get("/webinaires/calendrier.ics").content)
    assert [str(e["UID"]) for e in second.walk("VEVENT")] == uids


def test_abonnement_double_opt_in_puis_desabonnement_en_un_clic(
    client, webinaire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            "/webinaires/abonnement/", {"email": "abonne@exemple.org"}, follow=True
        )
    assert "cliquez sur le lien" in reponse.content.decode()
    abonnement = Abonnement.objects.get()
    assert abonnement.statut == "en_attente"
    assert len(mail.outbox) == 1
    lien = f"/abonnements/confirmer/{abonnement.jeton}/"
    assert lien in mail.outbox[0].body
    assert abonnement.liste.code == "annonces-du-cycle"
    # Ouvrir le lien (comme le ferait un analyseur de liens) ne confirme rien…
    assert "Confirmer mon abonnement" in client.get(lien).content.decode()
    abonnement.refresh_from_db()
    assert abonnement.statut == "en_attente"
    # … la personne confirme d'un clic.
    reponse = client.post(lien, follow=True)
    assert "Votre abonnement est confirmé" in reponse.content.decode()
    abonnement.refresh_from_db()
    assert abonnement.statut == "confirme"
    # RFC 8058 : la messagerie poste sans cookie ni jeton CSRF.
    from django.test import Client

    messagerie = Client(enforce_csrf_checks=True)
    reponse = messagerie.post(
        f"/abonnements/desabonner/{abonnement.jeton}/", {"List-Unsubscribe": "One-Click"}
    )
    assert reponse.status_code == 200
    abonnement.refresh_from_db()
    assert abonnement.statut == "desabonne"


def test_liens_des_e_mails_deja_envoyes_restent_valides(client, webinaire):
    """Les liens des annonces envoyées avant le passage dans ``envois`` marchent toujours."""
    from django.test import Client

    from envois import listes

    abonnement = AbonnementFactory(
        liste=listes.liste_par_code("annonces-du-cycle"), email="ancien@exemple.org"
    )
    ancien = f"/webinaires/abonnement/confirmer/{abonnement.jeton}/"
    assert "Confirmer mon abonnement" in client.get(ancien).content.decode()
    client.post(ancien)
    abonnement.refresh_from_db()
    assert abonnement.statut == "confirme"
    messagerie = Client(enforce_csrf_checks=True)
    for _fois in range(2):  # deux clics, même résultat
        reponse = messagerie.post(f"/webinaires/abonnement/desabonner/{abonnement.jeton}/")
        assert reponse.status_code == 200
    abonnement.refresh_from_db()
    assert abonnement.statut == "desabonne"


def test_abonnement_invalide_explique_l_erreur(client, webinaire):
    reponse = client.post("/webinaires/abonnement/", {"email": "nope"})
    assert "Saisissez une adresse e-mail valide" in reponse.content.decode()
    assert not Abonnement.objects.exists()


def test_bloc_prochain_webinaire_sur_l_accueil(client, fabrique_webinaire):
    fabrique_webinaire(dans=timedelta(days=-2), titre="Déjà passé")
    fabrique_webinaire(dans=timedelta(days=5), titre="Le tout prochain")
    fabrique_webinaire(dans=timedelta(days=40), titre="Plus tard")
    html = client.get("/").content.decode()
    assert "Prochain webinaire" in html
    assert "Le tout prochain" in html and "Plus tard" not in html


def test_prochain_webinaire_selecteur(fabrique_webinaire):
    from webinaires.selectors import prochain_webinaire

    assert prochain_webinaire() is None
    attendu = fabrique_webinaire(dans=timedelta(days=5))
    fabrique_webinaire(dans=timedelta(days=9), statut="brouillon")
    trouve = prochain_webinaire()
    assert trouve == attendu and trouve.debut > timezone.now()
    assert trouve.get_absolute_url() == f"/webinaires/{attendu.slug}/"


def test_demo_chargee_est_idempotente(db):
    from programme import demo

    lignes = demo.charger()
    assert any("webinaires" in ligne for ligne in lignes)
    demo.charger()
    from webinaires.models import Cycle, Webinaire
    from webinaires.selectors import prochain_webinaire

    assert Cycle.objects.count() == 2
    assert Webinaire.objects.count() == 26
    assert prochain_webinaire() is not None


def test_liste_servie_du_cache_aux_anonymes_avec_un_jeton_csrf_valide(
    webinaire, django_assert_num_queries
):
    import re

    from django.test import Client

    visiteur = Client(enforce_csrf_checks=True)
    visiteur.get("/webinaires/")
    with django_assert_num_queries(0):
        page = visiteur.get("/webinaires/").content.decode()
    assert webinaire.titre in page and "@@jeton" not in page
    jeton = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    reponse = visiteur.post(
        "/webinaires/abonnement/", {"email": "a@exemple.org", "csrfmiddlewaretoken": jeton}
    )
    assert reponse.status_code == 302
    assert Abonnement.objects.filter(email="a@exemple.org").exists()
    # Une modification du contenu est visible aussitôt.
    webinaire.session.titre = "Nouveau titre"
    webinaire.session.save()
    assert "Nouveau titre" in visiteur.get("/webinaires/").content.decode()
