"""Kits des relais (liens marqués, envoi mensuel aux rédactions), page d'impact d'un
partenaire et tableau de l'équipe."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from agenda.models import Inscription
from envois import services as envois
from envois.models import Envoi
from programme.models import Visite
from relais import mails, services
from relais.models import AccesImpact, ContactCanal

pytestmark = pytest.mark.django_db


def test_kit_liste_les_webinaires_aux_liens_marques(client, canaux, webinaire):
    html = client.get("/relais/kit/isbl/").content.decode()
    assert webinaire.titre in html
    assert (
        f"/webinaires/{webinaire.slug}/?relais=isbl&amp;utm_source=isbl"
        "&amp;utm_medium=newsletter&amp;utm_campaign=webinaires-" in html
    )
    assert html.count("<textarea") == 2  # un bloc HTML et un bloc texte
    assert "relais/copier.js" in html and "<script>" not in html
    assert client.get("/relais/kit/inconnu/").status_code == 404


def _paris(annee, mois, jour, heure=10):
    return timezone.make_aware(datetime(annee, mois, jour, heure))


def test_kit_du_mois_une_fois_par_contact_avant_le_bouclage(canaux, webinaire):
    isbl = canaux["isbl"]  # bouclage le 20 : le kit part à partir du 13
    ContactCanal.objects.create(canal=isbl, email="redaction@isbl.example")
    ContactCanal.objects.create(canal=isbl, email="chef@isbl.example")
    envois.planifier(maintenant=_paris(2026, 12, 12))
    assert not Envoi.objects.filter(genre=mails.GENRE_KIT).exists()
    for jour in (13, 14, 19):
        envois.traiter(maintenant=_paris(2026, 12, jour))
    assert sorted(m.to[0] for m in mail.outbox) == ["chef@isbl.example", "redaction@isbl.example"]
    assert "Le kit relais du mois pour Newsletter ISBL" in mail.outbox[0].subject
    assert "utm_source=isbl" in mail.outbox[0].body
    # Après le bouclage, rien ; le mois suivant, un nouveau kit.
    envois.traiter(maintenant=_paris(2026, 12, 21))
    assert len(mail.outbox) == 2
    envois.traiter(maintenant=_paris(2027, 1, 14))
    assert len(mail.outbox) == 4
    assert Envoi.objects.filter(genre=mails.GENRE_KIT).count() == 4


def _activite(partenaire_code: str, canal_code: str, webinaire):
    Visite.objects.create(origine=canal_code)
    Visite.objects.create(origine=canal_code, cree_le=timezone.now() - timedelta(days=40))
    Visite.objects.create(origine="autre-site.example")
    Inscription.objects.create(
        session=webinaire.session, nom="A", email="a@exemple.org", origine=canal_code
    )


@pytest.mark.parametrize("nombre_canaux", [1, 3])
def test_page_d_impact_graphiques_tableaux_et_requetes_constantes(
    client, canaux, webinaire, django_assert_num_queries, nombre_canaux
):
    partenaire = canaux["isbl"].partenaire
    for n in range(1, nombre_canaux):
        canaux["isbl"].pk = None
        canaux["isbl"].code = f"isbl-{n}"
        canaux["isbl"].save()
    _activite("isbl", "isbl", webinaire)
    acces = services.acces_impact_obtenir(partenaire=partenaire)
    with django_assert_num_queries(7):
        reponse = client.get(acces.get_absolute_url())
    html = reponse.content.decode()
    assert reponse["X-Robots-Tag"] == "noindex"
    assert html.count('role="img"') == 5
    assert '<title id="graphique-visites-titre">Visites grâce à' in html
    assert html.count("<table>") == 5
    assert "2 au total" in html  # deux visites sur deux mois
    assert "autre-site" not in html


def test_page_d_impact_jeton_inconnu(client):
    assert client.get("/relais/impact/inconnu/").status_code == 404
    assert client.get("/relais/impact/" + "x" * 200 + "/").status_code == 404


def test_lien_d_impact_envoye_par_l_equipe(equipe, canaux, django_capture_on_commit_callbacks):
    acces = AccesImpact.objects.create(
        partenaire=canaux["ideas"].partenaire, email="direction@ideas.example"
    )
    with django_capture_on_commit_callbacks(execute=True):
        equipe.post(
            "/admin/relais/accesimpact/",
            {"action": "envoyer_lien", "_selected_action": [acces.pk]},
        )
    assert [m.to for m in mail.outbox] == [["direction@ideas.example"]]
    assert acces.get_absolute_url() in mail.outbox[0].body


def test_tableau_de_l_equipe_et_csv(equipe, canaux, webinaire):
    _activite("isbl", "isbl", webinaire)
    html = equipe.get("/admin/relais/canal/statistiques/").content.decode()
    assert "Newsletter ISBL" in html and "autre-site.example" in html
    assert html.count('role="img"') == 2
    reponse = equipe.get("/admin/relais/canal/statistiques.csv")
    lignes = list(csv.reader(io.StringIO(reponse.content.decode("utf-8-sig")), delimiter=";"))
    assert lignes[0][:4] == ["Relais", "Code", "Mois", "Visites"]
    isbl = [ligne for ligne in lignes if ligne[1] == "isbl"]
    assert len(isbl) == 12
    assert sum(int(ligne[3]) for ligne in isbl) == 2
    assert sum(int(ligne[4]) for ligne in isbl) == 1  # l'inscription


def test_canal_sans_bouclage_recoit_le_kit_au_debut_du_mois(canaux, webinaire):
    ContactCanal.objects.create(canal=canaux["trajectoire"], email="equipe@trajectoire.example")
    envois.traiter(maintenant=_paris(2026, 12, 1, 8))
    assert mail.outbox == []
    envois.traiter(maintenant=_paris(2026, 12, 1, 9))
    envois.traiter(maintenant=_paris(2026, 12, 30))
    assert [m.to for m in mail.outbox] == [["equipe@trajectoire.example"]]


def test_liste_des_canaux_mene_au_tableau(equipe, canaux):
    html = equipe.get("/admin/relais/canal/").content.decode()
    assert 'href="/admin/relais/canal/statistiques/"' in html
    assert "Newsletter ISBL" in html
