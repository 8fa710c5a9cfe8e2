"""Travaux académiques : import BibTeX / RIS, doublons, commande, pages et exports."""

import json

import bibtexparser
import pytest
import rispy
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from programme.models import ModeleSocioEconomique, ProgrammeRecherche
from ressources import travaux
from ressources.models import TravailAcademique

pytestmark = pytest.mark.django_db

BIBTEX = r"""
@book{tchernonog2019,
  author = {Tchernonog, Viviane and Prouteau, Lionel},
  title = {Le paysage associatif fran{\c c}ais. {M}esures et {\'e}volutions},
  publisher = {Dalloz}, address = {Paris}, edition = {3}, year = 2019,
}
@article{gouzy2019,
  author = {Gouzy, Fran{\c c}oise and M{\"u}ller, J{\'e}r{\^o}me},
  title = {Les mod{\`e}les socio-{\'e}conomiques \& l'int{\'e}r{\^e}t g{\'e}n{\'e}ral},
  journal = {Revue test}, volume = {3}, number = {2}, pages = {45--67},
  year = 2019, doi = {https://doi.org/10.9999/TEST.1},
}
"""


def _importer(texte):
    return travaux.import_confirmer(texte=texte)


def test_import_bibtex_decode_les_accents_latex_et_range_la_notice_en_csl():
    bilan = _importer(BIBTEX)

    assert [len(bilan.nouveaux), len(bilan.doublons), bilan.erreurs] == [2, 0, []]
    article = TravailAcademique.objects.get(doi="10.9999/test.1")
    assert article.titre == "Les modèles socio-économiques & l'intérêt général"
    assert article.csl["author"] == [
        {"family": "Gouzy", "given": "Françoise"},
        {"family": "Müller", "given": "Jérôme"},
    ]
    assert article.csl["page"] == "45-67"
    assert (article.type, article.annee, article.premier_auteur) == ("article", 2019, "gouzy")


def test_reimporter_le_meme_fichier_ne_cree_ni_n_ecrase_rien():
    _importer(BIBTEX)
    TravailAcademique.objects.filter(doi="10.9999/test.1").update(equipe="Équipe A")

    bilan = _importer(BIBTEX)

    assert (len(bilan.nouveaux), len(bilan.doublons)) == (0, 2)
    assert TravailAcademique.objects.count() == 2
    assert TravailAcademique.objects.get(doi="10.9999/test.1").equipe == "Équipe A"


def test_meme_titre_annee_et_premier_auteur_sans_doi_est_un_doublon():
    _importer(BIBTEX)
    variante = r"""@book{autre, author={TCHERNONOG, Viviane}, year={2019},
      title={Le Paysage associatif français : mesures et évolutions}}"""

    bilan = travaux.import_analyser(texte=variante)

    assert bilan.doublons[0].message.startswith("même titre, même année et même premier auteur")


def test_meme_doi_et_titre_different_est_un_conflit_sans_fusion():
    _importer(BIBTEX)
    autre = r"""@article{x, author={Autre, Anne}, title={Un tout autre article}, year={2021},
      journal={J}, doi={10.9999/test.1}}"""

    bilan = _importer(autre)

    assert [len(bilan.nouveaux), len(bilan.doublons), len(bilan.conflits)] == [0, 0, 1]
    assert "titre différent" in bilan.conflits[0].message
    assert TravailAcademique.objects.get(doi="10.9999/test.1").titre.startswith("Les modèles")
    assert not TravailAcademique.objects.filter(titre="Un tout autre article").exists()


def test_doublons_dans_le_meme_fichier():
    double = BIBTEX + BIBTEX.replace("tchernonog2019", "t2").replace("gouzy2019", "g2")

    bilan = _importer(double)

    assert (len(bilan.nouveaux), len(bilan.doublons)) == (2, 2)
    assert "plus haut dans le fichier" in bilan.doublons[0].message


def test_import_ris():
    ris = """TY  - THES
TI  - Les modèles socio-économiques des associations
AU  - Lefèvre, Hélène
PY  - 2020
PB  - Université de Lille
M3  - Thèse de doctorat en sciences de gestion
ER  -
"""
    bilan = _importer(ris)

    assert bilan.erreurs == []
    travail = TravailAcademique.objects.get()
    assert (travail.type, travail.annee, travail.premier_auteur) == ("these", 2020, "lefevre")
    assert travail.csl["genre"] == "Thèse de doctorat en sciences de gestion"


def test_entrees_malformees_nommees_et_les_valides_importees():
    texte = (
        BIBTEX
        + r"""
@article{sansfin, title = {Accolade ouverte
@article{annee, title={Titre}, year={20x9}}
@article{doi, title={Titre}, year={2020}, doi={pas-un-doi}}
@article{lien, title={Titre}, year={2020}, url={javascript:alert(1)}}
@patent{brevet, title={Brevet}, year={2020}}
"""
    )
    bilan = _importer(texte)

    assert len(bilan.nouveaux) == 2
    messages = "\n".join(bilan.erreurs)
    assert "« sansfin »" in messages and "syntaxe BibTeX invalide" in messages
    assert "« annee » (ligne" in messages and "année illisible « 20x9 »" in messages
    assert "DOI invalide" in messages
    assert "adresse invalide" in messages
    assert "« @patent » non pris en charge" in messages


def test_commande_importer_travaux(tmp_path, capsys):
    fichier = tmp_path / "travaux.bib"
    fichier.write_text(BIBTEX + "@article{vide, year={2020}}\n", encoding="utf-8")

    with pytest.raises(CommandError) as erreur:
        call_command("importer_travaux", str(fichier))

    sortie = capsys.readouterr().out
    assert "Créés : 2" in sortie and "Doublons : 0" in sortie and "Erreurs : 1" in sortie
    assert "entrée « vide » (ligne" in str(erreur.value) and "titre manquant" in str(erreur.value)
    assert TravailAcademique.objects.count() == 2

    fichier.write_text(BIBTEX, encoding="utf-8")
    call_command("importer_travaux", str(fichier))
    sortie = capsys.readouterr().out
    assert "Créés : 0" in sortie and "Doublons : 2" in sortie


def test_commande_fichier_absent_message_francais(tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command("importer_travaux", str(tmp_path / "absent.bib"))


def test_commande_sans_erreur_sort_normalement(tmp_path, capsys):
    fichier = tmp_path / "ok.bib"
    fichier.write_text(BIBTEX, encoding="utf-8")
    call_command("importer_travaux", str(fichier))
    assert "Créés : 2" in capsys.readouterr().out


# --- Pages -------------------------------------------------------------------------------------


def _travaux(nombre):
    texte = "\n".join(
        f"@article{{t{i}, author={{Auteur{i}, Prénom}}, title={{Travail numéro {i}}}, "
        f"journal={{Revue}}, year={{{2010 + i}}}}}"
        for i in range(nombre)
    )
    _importer(texte)
    m1 = ModeleSocioEconomique.objects.get(code="M1")
    for travail in TravailAcademique.objects.all():
        travail.modeles.add(m1)


@pytest.mark.parametrize("nombre", [1, 3])
def test_liste_des_travaux_requetes_constantes(client, django_assert_num_queries, nombre):
    _travaux(nombre)
    # années, programmes, modèles (filtres), compte, page, modèles de la page
    with django_assert_num_queries(6):
        reponse = client.get(reverse("ressources:travaux"))
    contenu = reponse.content.decode()
    assert contenu.count('class="liste-travaux__titre"') == nombre
    assert "Travail numéro 0" in contenu


def test_liste_et_fiche_servies_du_cache_puis_a_jour_apres_un_import(
    client, django_assert_num_queries
):
    """Pages publiques : servies du cache partagé aux visiteurs anonymes ; un travail
    importé ou modifié par l'équipe les recalcule aussitôt."""
    _travaux(1)
    travail = TravailAcademique.objects.get()
    for chemin in (reverse("ressources:travaux"), travail.get_absolute_url()):
        client.get(chemin)
        with django_assert_num_queries(0):
            assert "Travail numéro 0" in client.get(chemin).content.decode()
    travail.titre = "Travail renommé"
    travail.save()
    assert "Travail renommé" in client.get(travail.get_absolute_url()).content.decode()
    assert "Travail renommé" in client.get(reverse("ressources:travaux")).content.decode()


def test_liste_filtree_par_annee_type_programme_et_modele(client):
    _travaux(3)
    programme = ProgrammeRecherche.objects.first()
    TravailAcademique.objects.filter(annee=2011).update(programme_recherche=programme)
    m2 = ModeleSocioEconomique.objects.get(code="M2")
    TravailAcademique.objects.get(annee=2012).modeles.add(m2)

    def titres(**params):
        contenu = client.get(reverse("ressources:travaux"), params).content.decode()
        return [f"Travail numéro {i}" for i in range(3) if f"Travail numéro {i}<" in contenu]

    assert titres(annee=2010) == ["Travail numéro 0"]
    assert titres(programme=programme.slug) == ["Travail numéro 1"]
    assert titres(modele="M2") == ["Travail numéro 2"]
    assert titres(type="ouvrage") == []
    # Un filtre inconnu est signalé et ignoré, jamais une erreur.
    reponse = client.get(reverse("ressources:travaux"), {"annee": "x'; DROP", "modele": "M9"})
    assert reponse.status_code == 200
    assert "Un filtre inconnu a été ignoré." in reponse.content.decode()
    assert titres(annee="abc") == ["Travail numéro 0", "Travail numéro 1", "Travail numéro 2"]


def test_page_d_un_travail_citation_et_exports(client):
    _importer(BIBTEX)
    livre = TravailAcademique.objects.get(annee=2019, type="ouvrage")

    contenu = client.get(livre.get_absolute_url()).content.decode()

    assert (
        "TCHERNONOG, Viviane et PROUTEAU, Lionel. <cite>Le paysage associatif français. "
        "Mesures et évolutions</cite>. 3e éd. Paris : Dalloz, 2019." in contenu
    )
    bib = client.get(reverse("ressources:travail_export", args=[livre.pk, "bib"]))
    assert bib["Content-Disposition"] == f'attachment; filename="travail-{livre.pk}.bib"'
    entree = bibtexparser.parse_string(bib.content.decode()).entries[0]
    assert entree.entry_type == "book" and entree["year"] == "2019"
    ris = rispy.loads(
        client.get(reverse("ressources:travail_export", args=[livre.pk, "ris"])).content.decode()
    )
    assert ris[0]["authors"] == ["Tchernonog, Viviane", "Prouteau, Lionel"]
    csl = json.loads(
        client.get(reverse("ressources:travail_export", args=[livre.pk, "json"])).content
    )
    assert csl[0]["title"] == "Le paysage associatif français. Mesures et évolutions"


def test_export_de_la_liste_suit_les_filtres(client):
    _travaux(3)
    reponse = client.get(reverse("ressources:travaux_export", args=["ris"]), {"annee": 2011})
    assert [r["title"] for r in rispy.loads(reponse.content.decode())] == ["Travail numéro 1"]


@pytest.mark.parametrize(
    "chemin",
    [
        "/ressources/travaux/0/",
        "/ressources/travaux/99999999999999999999999/",
        "/ressources/travaux/5/export.pdf",
    ],
)
def test_travail_inconnu_404(client, chemin):
    assert client.get(chemin).status_code == 404


def test_travail_non_publie_invisible(client):
    _importer(BIBTEX)
    travail = TravailAcademique.objects.first()
    travail.publie = False
    travail.save()
    assert client.get(travail.get_absolute_url()).status_code == 404
    assert travail.titre not in client.get(reverse("ressources:travaux")).content.decode()


def test_citation_echappe_le_html_des_notices(client):
    _importer(
        r"@book{x, author={<script>Pirate</script>, Jean}, "
        r"title={<img src=x onerror=alert(1)>}, year={2020}}"
    )
    travail = TravailAcademique.objects.get()
    contenu = client.get(travail.get_absolute_url()).content.decode()
    assert "<img src=x" not in contenu and "<script>Pirate" not in contenu
    assert "&lt;img src=x onerror=alert(1)&gt;" in contenu
