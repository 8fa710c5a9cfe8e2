"""Administration des travaux académiques : saisie rangée en CSL-JSON, import avec aperçu."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ressources.models import TravailAcademique
from tests.factories import UtilisateurFactory

pytestmark = pytest.mark.django_db

URL = "/admin/ressources/travailacademique/importer/"
BIBTEX = (
    r"@book{h, author={H{\'e}ly, Matthieu}, title={Les m{\'e}tamorphoses du monde associatif},"
    r" publisher={PUF}, address={Paris}, year={2009}}"
)


@pytest.fixture
def equipe(client):
    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    return client


def test_apercu_puis_confirmation(equipe):
    texte = BIBTEX + "\n@article{casse, title={Sans fin}\n"
    apercu = equipe.post(URL, {"texte": texte, "apercu": "1"}).content.decode()

    assert "Nouveau : sera créé" in apercu
    assert "HÉLY, Matthieu. <cite>Les métamorphoses du monde associatif</cite>" in apercu
    assert "entrée « casse » (ligne 2) : syntaxe BibTeX invalide" in apercu
    assert not TravailAcademique.objects.exists()  # l'aperçu n'écrit rien

    reponse = equipe.post(URL, {"texte": texte, "confirmer": "1"}, follow=True)
    assert "Import terminé : 1 créé(s), 0 doublon(s), 0 conflit(s), 1 erreur(s)." in (
        reponse.content.decode()
    )
    travail = TravailAcademique.objects.get()
    assert travail.csl["author"] == [{"family": "Hély", "given": "Matthieu"}]


def test_fichier_depose_et_doublon_signale(equipe):
    equipe.post(URL, {"texte": BIBTEX, "confirmer": "1"})
    fichier = SimpleUploadedFile("t.bib", BIBTEX.encode("cp1252"), "text/plain")
    apercu = equipe.post(URL, {"fichier": fichier, "apercu": "1"}).content.decode()
    assert "Doublon : ignoré" in apercu and "Confirmer" not in apercu
    assert TravailAcademique.objects.count() == 1


@pytest.mark.parametrize(
    ("donnees", "message"),
    [
        ({"texte": "  "}, "Collez des notices ou choisissez un fichier."),
        (
            {"fichier": SimpleUploadedFile("x.bib", b"\x00\x01binaire", "application/pdf")},
            "pas un fichier texte BibTeX ou RIS",
        ),
    ],
)
def test_saisie_vide_ou_binaire_refusee_en_francais(equipe, donnees, message):
    reponse = equipe.post(URL, {**donnees, "apercu": "1"})
    assert reponse.status_code == 200 and message in reponse.content.decode()


def test_import_reserve_a_l_equipe(client):
    client.force_login(UtilisateurFactory(is_staff=True))  # sans permission d'ajout
    assert client.post(URL, {"texte": BIBTEX, "confirmer": "1"}).status_code == 403
    assert not TravailAcademique.objects.exists()


def test_saisie_d_un_travail_rangee_en_csl(equipe):
    reponse = equipe.post(
        reverse("admin:ressources_travailacademique_add"),
        {
            "type": "these",
            "titre": "Les modèles socio-économiques des associations",
            "auteurs": "Lefèvre, Hélène | Université de Lille\nDurand, Paul",
            "annee": "2020",
            "editeur": "Université de Lille",
            "doi": "https://doi.org/10.1234/ABC",
            "langue": "fr",
            "publie": "on",
        },
    )
    assert reponse.status_code == 302, reponse.content.decode()[:3000]
    travail = TravailAcademique.objects.get()
    assert travail.csl["author"][0] == {
        "family": "Lefèvre",
        "given": "Hélène",
        "affiliation": "Université de Lille",
    }
    assert (travail.doi, travail.annee, travail.premier_auteur) == ("10.1234/abc", 2020, "lefevre")
    assert travail.csl["genre"] == "Thèse de doctorat"

    # Même DOI sur une seconde saisie : message sur le champ, rien d'enregistré.
    reponse = equipe.post(
        reverse("admin:ressources_travailacademique_add"),
        {"type": "article", "titre": "Autre", "doi": "10.1234/abc", "publie": "on"},
    )
    assert "Un autre travail porte déjà ce DOI." in reponse.content.decode()
    assert TravailAcademique.objects.count() == 1
