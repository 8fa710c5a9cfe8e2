"""Le tableau de bord de l'équipe : sections déclarées par les applications, graphiques SVG
avec leur tableau de données, exports CSV / XLSX neutralisés, requêtes en nombre constant."""

import csv
import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.enums import StatutInscription
from agenda.models import Presence
from envois.enums import StatutAbonnement
from envois.models import Abonnement, Liste
from programme.models import Partenaire
from rameau import pilotage
from tests.autodiagnostic.conftest import diagnostic_termine
from tests.factories import InscriptionFactory, SessionFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db
URL = "/pilotage/"


def _activite(nombre: int, relais: Partenaire, liste: Liste):
    """``nombre`` diagnostics terminés, sessions passées (un inscrit présent chacune, venu du
    relais), abonnés confirmés."""
    maintenant = timezone.now()
    for i in range(nombre):
        diagnostic_termine(echelle=1 + i % 4)
        session = SessionFactory(dans=-timedelta(days=3 + i), titre=f"Atelier {i}")
        inscription = InscriptionFactory(session=session, relais=relais)
        Presence.objects.create(inscription=inscription, session=session, present=True)
        InscriptionFactory(session=session, statut=StatutInscription.ATTENTE)
        Abonnement.objects.create(
            liste=liste,
            email=f"abonne{i}-{nombre}@exemple.org",
            statut=StatutAbonnement.CONFIRME,
            confirme_le=maintenant - timedelta(days=i),
        )


@pytest.fixture
def relais():
    return Partenaire.objects.create(code="relais-test", nom="Relais de test")


@pytest.fixture
def liste():
    return Liste.objects.get_or_create(code="lettre", defaults={"nom": "Lettre du programme"})[0]


def test_pilotage_renvoie_l_anonyme_vers_la_connexion(client):
    reponse = client.get(URL)
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_login"))


def test_pilotage_refuse_une_personne_hors_equipe(client):
    client.force_login(UtilisateurFactory())
    assert client.get(URL).status_code == 403
    assert client.get("/pilotage/diagnostics-1.csv").status_code == 403


@pytest.mark.sans_double_authentification
def test_pilotage_impose_la_double_authentification(client):
    client.force_login(UtilisateurFactory(is_staff=True))
    reponse = client.get(URL)
    assert reponse.status_code == 302
    assert reverse("mfa_activate_totp") in reponse["Location"]


def test_pilotage_montre_chaque_section_en_graphique_et_en_tableau(
    client, equipe, contenu_autodiagnostic, relais, liste
):
    _activite(3, relais, liste)
    reponse = client.get(URL)
    html = reponse.content.decode()
    assert reponse.status_code == 200
    for titre in ("Diagnostics", "Inscriptions et présence", "Relais", "Abonnés"):
        assert f">{titre}</h2>" in html
    # Chaque graphique est une image accessible avec son titre, et son tableau de données.
    svgs = re.findall(
        r"<svg [^>]*role=\"img\"[^>]*>\s*<title id=\"([^\"]+)\">([^<]+)</title>", html
    )
    assert len(svgs) >= 8
    assert ("graphique-diagnostics-1-titre", "Diagnostics terminés par modèle dominant") in svgs
    assert html.count("<table") >= len(svgs)
    assert "style=" not in "".join(re.findall(r"<svg.*?</svg>", html, re.S))
    # Les chiffres : 3 inscriptions du relais, 3 présents ; 3 abonnés confirmés ce mois-ci.
    relais_ligne = re.search(r"<th scope=\"row\">Relais de test</th>(.*?)</tr>", html).group(1)
    assert re.findall(r"<td>(\d+)</td>", relais_ligne) == ["3", "3", "3"]
    assert "Atelier 2" in html
    assert 'href="/pilotage/abonnes-1.xlsx?mois=12"' in html


def test_pilotage_nombre_de_requetes_constant(
    client, equipe, contenu_autodiagnostic, relais, liste, django_assert_num_queries
):
    _activite(1, relais, liste)
    # Session, utilisateur, second facteur (rameau.mfa), puis une requête par tableau
    # groupé : diagnostics 1, inscriptions 1, relais 2, attestations 2, abonnés 1, origines 6
    # (un compteur par application, les noms des canaux).
    with django_assert_num_queries(15):
        assert client.get(URL).status_code == 200
    _activite(3, relais, liste)
    with django_assert_num_queries(15):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(4):
        assert client.get("/pilotage/relais-1.csv").status_code == 200


def test_abonnes_cumules_en_fin_de_mois(client, equipe, liste):
    maintenant = timezone.now()
    periode = pilotage.Periode.derniers_mois(3, aujourd_hui=timezone.localdate())
    il_y_a_deux_mois = periode.debut + timedelta(days=2)
    Abonnement.objects.create(
        liste=liste,
        email="parti@exemple.org",
        statut=StatutAbonnement.DESABONNE,
        confirme_le=il_y_a_deux_mois,
        desabonne_le=maintenant,
    )
    Abonnement.objects.create(
        liste=liste,
        email="reste@exemple.org",
        statut=StatutAbonnement.CONFIRME,
        confirme_le=il_y_a_deux_mois,
    )
    Abonnement.objects.create(liste=liste, email="attente@exemple.org")
    actifs, flux = pilotage.calculer("abonnes", periode)
    assert [ligne[1] for ligne in actifs.lignes] == [2, 2, 1]
    assert [ligne[1:] for ligne in flux.lignes] == [[2, 0], [0, 0], [0, 1]]


def test_export_csv_et_xlsx_neutralisent_les_formules(client, equipe, liste):
    relais = Partenaire.objects.create(code="piege", nom='=HYPERLINK("http://x","clic")')
    session = SessionFactory(dans=-timedelta(days=1))
    InscriptionFactory(session=session, relais=relais)

    reponse = client.get("/pilotage/relais-1.csv?mois=6")
    assert reponse["Content-Type"].startswith("text/csv")
    lignes = list(csv.reader(io.StringIO(reponse.content.decode("utf-8-sig")), delimiter=";"))
    assert lignes[0] == ["Relais", "Inscriptions", "Confirmées", "Présents"]
    assert lignes[1] == ['\'=HYPERLINK("http://x","clic")', "1", "1", "0"]

    reponse = client.get("/pilotage/relais-1.xlsx?mois=6")
    feuille = zipfile.ZipFile(io.BytesIO(reponse.content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in feuille
    assert "&apos;=HYPERLINK" in feuille or "'=HYPERLINK" in feuille
    assert '<c r="B2" s="0"><v>1</v></c>' in feuille or re.search(
        r'<c r="B2"[^>]*><v>1</v>', feuille
    )


def test_export_d_un_tableau_inconnu_est_introuvable(client, equipe):
    assert client.get("/pilotage/inconnu-1.csv").status_code == 404
    assert client.get("/pilotage/relais-9.csv").status_code == 404
    assert client.get("/pilotage/relais-1.pdf").status_code == 404
    assert "12 derniers mois" in client.get(URL + "?mois=abc").content.decode()
    assert client.get(URL + "?mois=%00").status_code == 400


def test_une_application_ajoute_sa_section_par_le_registre(client, equipe):
    """Une application ajoute sa section par ce registre, sans toucher à la vue."""
    avant = dict(pilotage.SECTIONS)

    @pilotage.section(code="exemple", titre="Section d'exemple", ordre=45)
    def exemple(periode):
        return [
            pilotage.Tableau(
                titre="Exemples par mois",
                colonnes=["Mois", "Exemples"],
                lignes=[[libelle, 2] for libelle in periode.libelles],
            )
        ]

    try:
        html = client.get(URL + "?mois=6").content.decode()
        assert ">Section d&#x27;exemple</h2>" in html or ">Section d'exemple</h2>" in html
        assert html.index("Section d") < html.index(">Abonnés</h2>")
        assert (
            client.get("/pilotage/exemple-1.csv?mois=6").content.decode("utf-8-sig").count(";2")
            == 6
        )
    finally:
        pilotage.SECTIONS.clear()
        pilotage.SECTIONS.update(avant)


def test_export_d_une_section_en_xlsx_une_feuille_par_tableau(
    client, equipe, contenu_autodiagnostic, django_assert_num_queries
):
    diagnostic_termine(echelle=4)
    with django_assert_num_queries(3):  # utilisateur, second facteur, diagnostics
        reponse = client.get("/pilotage/diagnostics.xlsx?mois=6")
    assert reponse["Content-Disposition"].startswith('attachment; filename="pilotage-diagnostics-')
    classeur = zipfile.ZipFile(io.BytesIO(reponse.content))
    feuilles = sorted(n for n in classeur.namelist() if n.startswith("xl/worksheets/sheet"))
    assert len(feuilles) == 3
    noms = classeur.read("xl/workbook.xml").decode()
    assert 'name="Diagnostics terminés par mod"' in noms  # 28 caractères au plus
    # Le niveau « Transformer » (4) : une colonne, un diagnostic ce mois-ci, en nombre.
    niveau = classeur.read("xl/worksheets/sheet2.xml").decode()
    assert re.search(r'<c r="E7"[^>]*><v>1</v></c>', niveau)
    assert client.get("/pilotage/inconnue.xlsx").status_code == 404


def test_l_administration_mene_au_tableau_de_bord(client, equipe):
    html = client.get("/admin/").content.decode()
    assert '<a href="/pilotage/">Tableau de bord</a>' in html
