"""Administration de l'agenda : sessions (filtres, nombre d'inscrits, annulation depuis la
liste), inscriptions (annulation, présences) et exports des inscrits en CSV et XLSX."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from agenda.enums import StatutInscription
from agenda.models import Inscription, Presence
from envois import services as envois
from tests.factories import InscriptionFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("modele", ["session", "inscription", "presence"])
def test_listes_d_administration(equipe, session, modele):
    reponse = equipe.get(f"/admin/agenda/{modele}/")
    assert reponse.status_code == 200


@pytest.mark.parametrize("nombre", [1, 3])
def test_liste_des_sessions_nombre_de_requetes_constant(equipe, django_assert_num_queries, nombre):
    for i in range(nombre):
        session = SessionFactory(titre=f"Atelier {i}")
        InscriptionFactory(session=session)
        InscriptionFactory(session=session, statut=StatutInscription.ATTENTE)
    # + 1 : la vérification du second facteur de l'équipe (rameau.mfa).
    with django_assert_num_queries(8):
        html = equipe.get("/admin/agenda/session/").content.decode()
    assert html.count("Atelier ") >= nombre
    lien = f"/admin/agenda/inscription/?session__id__exact={session.pk}&amp;statut__exact=attente"
    assert lien in html


def test_liste_des_sessions_filtree_par_format_et_public(equipe, contenu_programme):
    from programme.models import Format

    ateliers = Format.objects.get(slug="ateliers")
    SessionFactory(titre="Atelier pour les financeurs", publics=["financeur"])
    SessionFactory(titre="Atelier pour tous")
    SessionFactory(titre="Co-développement", slug_format="co-developpement")
    html = equipe.get("/admin/agenda/session/", {"public": "financeur"}).content.decode()
    assert "Atelier pour les financeurs" in html and "Atelier pour tous" in html
    html = equipe.get(
        "/admin/agenda/session/", {"public": "association", "format__id__exact": ateliers.pk}
    ).content.decode()
    assert "Atelier pour les financeurs" not in html and "Atelier pour tous" in html


def test_annulation_depuis_la_liste_des_sessions_previent_les_inscrits(equipe, session):
    InscriptionFactory(
        session=session, email="a@exemple.org", confirmee_le=timezone.now() - timedelta(days=1)
    )
    reponse = equipe.post(
        "/admin/agenda/session/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(session.pk),
            "form-0-statut": "annule",
            "_save": "Enregistrer",
        },
        follow=True,
    )
    assert "recevra l&#x27;annulation" in reponse.content.decode()
    session.refresh_from_db()
    assert session.version == 2 and session.annule_le is not None
    assert envois.traiter(maintenant=timezone.now() + timedelta(minutes=1))["envoyes"] == 1
    (message,) = mail.outbox
    assert message.subject.startswith("Session annulée") and message.to == ["a@exemple.org"]


def test_fin_avant_debut_refusee_en_administration(equipe, contenu_programme):
    from agenda.models import Session
    from programme.models import Format

    reponse = equipe.post(
        "/admin/agenda/session/add/",
        {
            "format": Format.objects.get(slug="ateliers").pk,
            "titre": "Atelier à l'envers",
            "debut_0": "10/03/2031",
            "debut_1": "14:00:00",
            "fin_0": "10/03/2031",
            "fin_1": "12:00:00",
            "lieu": "En ligne",
            "statut": "publie",
            "ordre": "0",
        },
    )
    assert reponse.status_code == 200
    assert "La fin doit être postérieure au début." in reponse.content.decode()
    assert not Session.objects.exists()


def test_action_noter_presents(equipe, session):
    inscriptions = [InscriptionFactory(session=session) for _ in range(2)]
    reponse = equipe.post(
        "/admin/agenda/inscription/",
        {"action": "marquer_presents", "_selected_action": [i.pk for i in inscriptions]},
        follow=True,
    )
    assert "2 présences notées." in reponse.content.decode()
    assert Presence.objects.filter(session=session, present=True).count() == 2


def test_action_annuler_promeut_la_liste_d_attente(equipe, session):
    session.capacite = 1
    session.save()
    premiere = InscriptionFactory(session=session)
    attente = InscriptionFactory(session=session, statut=StatutInscription.ATTENTE)
    equipe.post(
        "/admin/agenda/inscription/",
        {"action": "annuler", "_selected_action": [premiere.pk]},
    )
    attente.refresh_from_db()
    assert attente.statut == StatutInscription.CONFIRMEE


def _lire_csv(reponse):
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    assert reponse.content.startswith("\ufeff".encode())
    entete, *lignes = csv.reader(io.StringIO(reponse.content.decode("utf-8-sig")), delimiter=";")
    return [dict(zip(entete, ligne, strict=True)) for ligne in lignes], entete


def _lire_xlsx(reponse):
    """Le classeur relu tel qu'un tableur le lit (XML des cellules, chaînes partagées ou
    en ligne)."""
    import re
    import zipfile
    from html import unescape

    assert reponse.status_code == 200
    assert reponse["Content-Type"].startswith("application/vnd.openxmlformats")
    archive = zipfile.ZipFile(io.BytesIO(reponse.content))
    feuille = archive.read("xl/worksheets/sheet1.xml").decode()
    partagees = []
    if "xl/sharedStrings.xml" in archive.namelist():
        xml = archive.read("xl/sharedStrings.xml").decode()
        partagees = [unescape(t) for t in re.findall(r"<t[^>]*>(.*?)</t>", xml, re.S)]
    lignes = []
    for ligne in re.findall(r"<row[^>]*>(.*?)</row>", feuille, re.S):
        cellules = []
        for attributs, contenu in re.findall(r"<c([^>]*)>(.*?)</c>", ligne, re.S):
            if 't="s"' in attributs:
                cellules.append(partagees[int(re.search(r"<v>(.*?)</v>", contenu).group(1))])
            else:
                texte = re.search(r"<t[^>]*>(.*?)</t>", contenu, re.S)
                cellules.append(unescape(texte.group(1)) if texte else "")
        lignes.append(cellules)
    entete, *corps = lignes
    assert "<f>" not in feuille  # aucune formule
    return [dict(zip(entete, ligne, strict=False)) for ligne in corps], entete


@pytest.fixture
def inscrits(session):
    autre = SessionFactory(titre="Un autre atelier")
    hiver = datetime(2026, 12, 17, 12, 0, tzinfo=UTC)  # 13 h à Paris
    Inscription.objects.create(
        session=session,
        nom="Alice Martin",
        email="alice@exemple.org",
        organisation='=HYPERLINK("http://piege.example";"clic")',
        profil="tete_de_reseau",
        statut=StatutInscription.CONFIRMEE,
        cree_le=hiver,
        confirmee_le=hiver,
    )
    Inscription.objects.create(
        session=session, nom="@Bob", email="bob@exemple.org", statut=StatutInscription.ATTENTE
    )
    Inscription.objects.create(session=autre, nom="Chloé", email="chloe@exemple.org")
    return session


def test_export_csv_des_inscrits_tel_que_filtre(equipe, inscrits):
    session = inscrits
    liste = equipe.get("/admin/agenda/inscription/", {"session__id__exact": session.pk})
    lien = f"/admin/agenda/inscription/exporter/?session__id__exact={session.pk}"
    assert f'href="{lien}"' in liste.content.decode()
    assert "Exporter (CSV)" in liste.content.decode()
    reponse = equipe.get(lien)
    assert (
        f'filename="inscriptions-atelier-diversifier-ses-ressources-{session.pk}.csv"'
        in reponse["Content-Disposition"]
    )
    lignes, entete = _lire_csv(reponse)
    assert entete[:4] == ["Session", "Format", "Date de la session", "Nom"]
    assert [ligne["Nom"] for ligne in lignes] == ["'@Bob", "Alice Martin"]  # par date
    alice = lignes[1]
    assert alice["Organisation"] == '\'=HYPERLINK("http://piege.example";"clic")'
    assert alice["Profil"] == "Tête de réseau"
    assert alice["Statut"] == "Confirmée"
    assert alice["Inscrit le"] == "17/12/2026 13:00"
    assert alice["Session"] == session.titre and alice["Format"] == "Ateliers"
    assert alice["Date de la session"] == timezone.localtime(session.debut).strftime(
        "%d/%m/%Y %H:%M"
    )
    assert lignes[0]["Statut"] == "Liste d'attente"
    # Filtré aussi par statut, comme la liste.
    lignes, _entete = _lire_csv(equipe.get(lien, {"statut__exact": StatutInscription.ATTENTE}))
    assert [ligne["Nom"] for ligne in lignes] == ["'@Bob"]


def test_export_xlsx_des_inscrits_tel_que_filtre(equipe, inscrits):
    session = inscrits
    liste = equipe.get("/admin/agenda/inscription/", {"session__id__exact": session.pk})
    lien = f"/admin/agenda/inscription/exporter.xlsx?session__id__exact={session.pk}"
    assert f'href="{lien}"' in liste.content.decode()
    reponse = equipe.get(lien)
    assert reponse["Content-Disposition"].endswith(f'-{session.pk}.xlsx"')
    lignes, entete = _lire_xlsx(reponse)
    assert entete[:4] == ["Session", "Format", "Date de la session", "Nom"]
    assert [ligne["Nom"] for ligne in lignes] == ["'@Bob", "Alice Martin"]
    assert lignes[1]["Organisation"] == '\'=HYPERLINK("http://piege.example";"clic")'
    assert lignes[1]["Inscrit le"] == "17/12/2026 13:00"


def test_export_des_inscrits_des_sessions_choisies(equipe, inscrits):
    for action, lire in (
        ("exporter_inscrits_csv", _lire_csv),
        ("exporter_inscrits_xlsx", _lire_xlsx),
    ):
        reponse = equipe.post(
            "/admin/agenda/session/", {"action": action, "_selected_action": [inscrits.pk]}
        )
        lignes, _entete = lire(reponse)
        assert sorted(ligne["Nom"] for ligne in lignes) == ["'@Bob", "Alice Martin"]


def test_export_csv_des_inscriptions_choisies_par_l_action(equipe, session):
    choisie = Inscription.objects.create(session=session, nom="Alice", email="a@exemple.org")
    Inscription.objects.create(session=session, nom="Bob", email="b@exemple.org")
    reponse = equipe.post(
        "/admin/agenda/inscription/",
        {"action": "exporter_csv", "_selected_action": [choisie.pk]},
    )
    lignes, _entete = _lire_csv(reponse)
    assert [ligne["Nom"] for ligne in lignes] == ["Alice"]


@pytest.mark.parametrize("extension", ["", ".xlsx"])
def test_export_nombre_de_requetes_constant(equipe, session, django_assert_num_queries, extension):
    InscriptionFactory(session=SessionFactory(), nom="Ailleurs")
    url = f"/admin/agenda/inscription/exporter{extension or '/'}?session__id__exact={session.pk}"
    lire = _lire_xlsx if extension else _lire_csv
    InscriptionFactory(session=session)
    with django_assert_num_queries(9):  # dont le second facteur de l'équipe
        assert len(lire(equipe.get(url))[0]) == 1
    InscriptionFactory(session=session)
    InscriptionFactory(session=session)
    with django_assert_num_queries(9):  # dont le second facteur de l'équipe
        assert len(lire(equipe.get(url))[0]) == 3


def test_export_filtre_ou_format_inconnu_refuse_sans_erreur_serveur(equipe, session):
    for filtre in ({"champ_inconnu": "1"}, {"session__id__exact": "abc"}):
        reponse = equipe.get("/admin/agenda/inscription/exporter/", filtre)
        assert reponse.status_code == 400
        assert "Filtre inconnu" in reponse.content.decode()
    reponse = equipe.get("/admin/agenda/inscription/exporter.pdf")
    assert reponse.status_code == 400 and "Format d" in reponse.content.decode()
