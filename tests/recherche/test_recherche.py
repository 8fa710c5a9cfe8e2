"""Recherche plein texte en français (``/recherche/``) et index alimenté par les applications."""

import pytest
import rispy
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from agenda.enums import StatutSession
from programme.models import Format, ModeleSocioEconomique
from ressources import recherche, travaux
from ressources.models import DocumentRecherche, TravailAcademique
from webinaires.models import Intervenant

pytestmark = pytest.mark.django_db

URL = "/recherche/"

TRAVAUX = r"""
@book{tchernonog2019,
  author = {Tchernonog, Viviane and Prouteau, Lionel},
  title = {Le paysage associatif fran{\c c}ais. {M}esures et {\'e}volutions},
  publisher = {Dalloz}, address = {Paris}, edition = {3}, year = 2019,
  abstract = {Une photographie des associations et de leurs modèles socio-économiques.},
}
@article{test2021,
  author = {Lefèvre, Hélène},
  title = {Hybridation des modèles socio-économiques},
  journal = {Revue test}, year = 2021,
  abstract = {Les modèles socio-économiques d'intérêt général combinent ressources et alliances.},
}
"""


def _brut(client, q, **params):
    reponse = client.get(URL, {"q": q, **params})
    assert reponse.status_code == 200
    return reponse.content.decode()


def _q(client, q, **params):
    """La page, surlignage retiré (pour chercher un titre entier)."""
    return _brut(client, q, **params).replace("<mark>", "").replace("</mark>", "")


@pytest.fixture
def des_travaux():
    travaux.import_confirmer(texte=TRAVAUX)
    m4 = ModeleSocioEconomique.objects.get(code="M4")
    TravailAcademique.objects.get(annee=2021).modeles.add(m4)


def test_insensible_aux_accents_et_a_la_casse(client, des_travaux):
    contenu = _brut(client, "MODELES socio economiques")
    # Le titre du travail est surligné, accents d'origine conservés.
    assert "Hybridation des <mark>modèles</mark>" in contenu


def test_racinisation_francaise(client, des_travaux):
    assert "Le paysage associatif français" in _q(client, "paysages associatifs")


def test_tolere_les_fautes_de_frappe_sur_les_noms_et_les_titres(client, des_travaux):
    assert "Le paysage associatif" in _q(client, "Tchernonogg")
    assert "Hybridation des" in _q(client, "hybridatoin")


def test_classement_titre_avant_texte(client, des_travaux):
    contenu = _q(client, "modèles socio-économiques", genre="travail")
    assert contenu.index("Hybridation des") < contenu.index("Le paysage associatif")


@pytest.mark.parametrize(
    ("q", "indice"),
    [
        ("", "Saisissez un ou plusieurs mots"),
        ("   ", "Saisissez un ou plusieurs mots"),
        ("a", "au moins deux lettres"),
        ("é", "au moins deux lettres"),
        ("&|!:*()<>", "au moins deux lettres"),
        ("mot " * 80, "trop longue"),
    ],
)
def test_requete_vide_courte_ou_hostile_donne_un_indice(client, q, indice):
    assert indice in _q(client, q)


@pytest.mark.parametrize(
    "q", ["'; DROP TABLE x; --", "modèle & | ! :*", '"non fermé', "-", "a:b:c", "\\\\", "🙂🙂"]
)
def test_syntaxe_hostile_jamais_d_erreur(client, des_travaux, q):
    _q(client, q)


def test_octet_nul_refuse(client):
    assert client.get(URL, {"q": "mod\x00ele"}).status_code == 400


def test_extraits_echappes_sauf_le_surlignage(client):
    travaux.import_confirmer(
        texte=r"@book{x, author={Pirate, Jean}, title={Piège <script>alert(1)</script>}, "
        r"year={2020}, abstract={Mécénat <img src=x onerror=alert(1)> et mécénat}}"
    )
    contenu = _brut(client, "mécénat piège")
    assert "<script>alert" not in contenu and "<img src=x" not in contenu
    assert "&lt;img src=x onerror=alert(1)&gt;" in contenu
    assert "<mark>Mécénat</mark>" in contenu


def test_facettes_genre_modele_annee(client, des_travaux):
    contenu = _q(client, "modèles socio-économiques")
    assert "Travaux académiques</a> (2)" in contenu
    assert 'href="?q=mod%C3%A8les+socio-%C3%A9conomiques&amp;genre=travail"' in contenu
    filtre = _q(client, "modèles socio-économiques", genre="travail", modele="M4")
    assert "Hybridation des" in filtre and "Le paysage associatif" not in filtre
    assert "1 résultat pour" in filtre
    assert "Le paysage" not in _q(client, "associations", genre="travail", annee=2021)


def test_facette_inconnue_ignoree(client, des_travaux):
    contenu = _q(client, "paysage", genre="<b>", modele="M99", annee="deux mille")
    assert "Un filtre inconnu a été ignoré." in contenu and "Le paysage associatif" in contenu


@pytest.mark.parametrize("nombre", [1, 3])
def test_nombre_de_requetes_constant(client, django_assert_num_queries, nombre):
    for i in range(nombre):
        travaux.import_confirmer(
            texte=f"@book{{b{i}, author={{Auteur{i}, A}}, title={{Zygomorphe étude {i}}}, "
            f"year={{{2000 + i}}}}}"
        )
    # modèles, formats (facettes), candidats (mots, puis avec tolérance aux fautes : moins de
    # SEUIL_TOLERANCE documents les contiennent), genres, modèles et formats trouvés, années,
    # page.
    with django_assert_num_queries(8):
        contenu = _q(client, "zygomorphe")
    assert contenu.count('<li>\n        <h2><a href="/ressources/travaux/') == nombre


def test_contenus_du_programme_indexes_et_tenus_a_jour(client):
    assert "M6 – " in _q(client, "mécénat")
    format_ = Format.objects.get(slug="ateliers")
    format_.description = "Un atelier de cartographie des alliances territoriales."
    format_.save()
    assert "Ateliers" in _q(client, "cartographie")
    travaux.import_confirmer(texte="@book{b, title={Cartographie des alliances}, year={2020}}")
    assert "Cartographie des alliances" in _q(client, "cartographie")
    TravailAcademique.objects.get().delete()
    assert "Cartographie des alliances" not in _q(client, "cartographie")


def _webinaire(**champs):
    from tests.factories import WebinaireFactory

    webinaire = WebinaireFactory(
        slug="w", titre=champs.pop("titre", "Le mécénat de compétences"), **champs
    )
    webinaire.sequences.all().delete()  # le test compose ses propres temps
    return webinaire


def test_webinaires_indexes_avec_leurs_temps_et_intervenants(client):
    webinaire = _webinaire(resume="Replay : retour sur la générosité du public.")
    sequence = webinaire.sequences.create(
        temps="temoignage", titre="Témoignage", contenu="Une fondation raconte sa stratégie."
    )
    assert "Le mécénat de compétences" in _q(client, "générosité du public")
    assert "Le mécénat de compétences" in _q(client, "fondation stratégie")

    intervenant = Intervenant.objects.create(nom="Clémentine Dubreuil")
    sequence.intervenants.add(intervenant)
    assert "Le mécénat de compétences" in _q(client, "Dubreuill")

    # Dépublié : le statut vit sur la session d'agenda du webinaire.
    webinaire.session.statut = StatutSession.BROUILLON
    webinaire.session.save()
    assert "Le mécénat de compétences" not in _q(client, "générosité du public")


def test_reindexer_reconstruit_l_index(capsys):
    TravailAcademique.objects.bulk_create([])
    travaux.import_confirmer(texte=TRAVAUX)
    DocumentRecherche.objects.all().delete()

    call_command("reindexer")

    assert "Index reconstruit" in capsys.readouterr().out
    assert DocumentRecherche.objects.filter(genre="travail").count() == 2
    assert DocumentRecherche.objects.filter(genre="modele").count() == 7
    with pytest.raises(CommandError, match="Genre\\(s\\) inconnu\\(s\\) : inconnu"):
        call_command("reindexer", "inconnu")


def test_registre_pret_pour_d_autres_genres(client):
    """Une application du dessus (sessions, modules de formation, lettres) n'a qu'à déclarer
    son indexeur : ``ressources`` ne la connaît pas."""
    ancien = dict(recherche.INDEXEURS)
    try:
        recherche.indexeur(
            genre="numero_lettre",
            libelle="Numéros de la lettre",
            modele="exemple.numero",
            documents=lambda ids: [
                recherche.Document(objet_id=1, titre="Lettre n° 12 : la mutualisation", url="/l/")
            ],
        )
        recherche.reindexer(genres_=["numero_lettre"])
        contenu = _q(client, "mutualisation")
        assert "Lettre n° 12" in contenu and "Numéros de la lettre" in contenu
    finally:
        recherche.INDEXEURS.clear()
        recherche.INDEXEURS.update(ancien)


def test_boite_de_recherche_dans_l_entete_sans_javascript(client):
    contenu = client.get(reverse("programme:accueil")).content.decode()
    assert 'role="search" method="get" action="/recherche/"' in contenu
    assert 'name="q"' in contenu


def test_fragment_htmx(client, des_travaux):
    reponse = client.get(
        URL, {"q": "paysage"}, headers={"HX-Request": "true", "HX-Target": "resultats"}
    )
    contenu = reponse.content.decode().replace("<mark>", "").replace("</mark>", "")
    assert "<!DOCTYPE html>" not in contenu and "Le paysage associatif" in contenu


def test_export_des_travaux_trouves(client, des_travaux):
    reponse = client.get(reverse("recherche:export", args=["ris"]), {"q": "paysage"})
    assert [r["title"] for r in rispy.loads(reponse.content.decode())] == [
        "Le paysage associatif français. Mesures et évolutions"
    ]


def test_sessions_des_ateliers_trouvees_et_retirees_quand_annulees(client):
    """Les sessions datées des formats sans indexeur propre (ateliers, co-développement,
    étapes de parcours…) sont cherchables ; un webinaire n'y figure qu'une fois, par son
    propre indexeur ; une session annulée disparaît de l'index."""
    from tests.factories import SessionFactory, WebinaireFactory

    atelier = SessionFactory(
        titre="Atelier « Cartographier ses alliances »",
        description="Repérer les partenaires de son territoire.",
    )
    WebinaireFactory()
    contenu = _q(client, "cartographier alliances")
    assert "Atelier « Cartographier ses alliances »" in contenu
    # La page de la session, celle que l'application du format déclare à l'agenda.
    assert f'href="/accompagnement/ateliers/{atelier.pk}/"' in contenu
    assert not DocumentRecherche.objects.filter(
        genre="session", formats__contains="|webinaires|"
    ).exists()

    atelier.statut = StatutSession.ANNULE
    atelier.save()
    assert "Cartographier ses alliances" not in _q(client, "cartographier alliances")


def test_recherche_trop_vague_classee_parmi_les_premiers_trouves(client, monkeypatch):
    """Au-delà de la limite de candidats, la page le dit et invite à préciser ; les
    résultats montrés restent ceux de la requête, classés, avec leurs facettes."""
    monkeypatch.setattr(recherche, "LIMITE_CANDIDATS", 3)
    for i in range(5):
        travaux.import_confirmer(
            texte=f"@book{{v{i}, author={{Auteur{i}, A}}, title={{Vaguement étude {i}}}, "
            f"year={{{2000 + i}}}}}"
        )
    contenu = _q(client, "vaguement")
    assert "Plus de 3 résultats pour « vaguement »" in contenu
    assert contenu.count('<li>\n        <h2><a href="/ressources/travaux/') == 3
    assert "parmi les premiers trouvés" in contenu
    # Une requête précise n'est pas tronquée et trouve aussi les plus anciens.
    precise = recherche.rechercher(requete="vaguement auteur0")
    assert not precise.tronque and [d.titre for d in precise.documents] == ["Vaguement étude 0"]
