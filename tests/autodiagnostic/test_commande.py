import json

import pytest
from django.core.management import CommandError, call_command

from .conftest import diagnostic_termine, reponses_association

pytestmark = pytest.mark.django_db


def _executer(*args) -> str:
    from io import StringIO

    sortie = StringIO()
    call_command("score_diagnostic", *args, stdout=sortie)
    return sortie.getvalue()


def test_commande_et_json_donnent_le_meme_resultat(client, tmp_path):
    ressources = {
        "ressources.ventes": 45000,
        "ressources.subventions": 40000,
        "ressources.dons": 15000,
    }
    fichier = tmp_path / "reponses.json"
    fichier.write_text(
        json.dumps(reponses_association(ressources=ressources, echelle=3, besoin="echange_pairs"))
    )
    depuis_commande = json.loads(_executer(str(fichier)))
    diagnostic = diagnostic_termine(ressources=ressources, echelle=3, besoin="echange_pairs")
    depuis_page = client.get(diagnostic.get_resultat_url().replace("/resultat/", "/resultat.json"))
    assert depuis_commande == depuis_page.json()
    assert depuis_commande["modele"] == "M2 / M4"


def test_commande_modele_liste_types_obligation_et_valeurs():
    modele = json.loads(_executer("--modele"))
    assert len([c for c, q in modele.items() if q["type"] == "montant"]) == 9
    assert modele["ressources.dons"]["type"] == "montant"
    assert modele["rh.motivations"] == {
        "libelle": modele["rh.motivations"]["libelle"],
        "type": "echelle",
        "obligatoire": True,
        "valeurs": {"min": 1, "max": 4},
        "valeur": None,
    }
    assert "echange_pairs" in modele["besoin.prioritaire"]["valeurs"]
    assert "contenus" not in json.dumps(_executer("--modele", "--profil", "chercheur_enseignant"))


def test_commande_accepte_le_modele_rempli_sur_place(tmp_path):
    modele = json.loads(_executer("--modele"))
    for code, valeur in reponses_association().items():
        modele[code]["valeur"] = valeur
    fichier = tmp_path / "rempli.json"
    fichier.write_text(json.dumps(modele))
    assert json.loads(_executer(str(fichier)))["dominant"] == "M1"


@pytest.mark.parametrize(
    ("contenu", "message"),
    [
        ("{pas du json", "n'est pas un JSON valide (ligne 1"),
        ("[1, 2]", "objet JSON"),
        ('{"ressources.dons": -5}', "ressources.dons : Le montant ne peut pas être négatif."),
        ('{"ressources.dons": "dix"}', "Saisissez un nombre"),
        ('{"code.inconnu": 1}', "code.inconnu : Cette question n'existe pas"),
        ('{"ressources.dons": 0}', "Indiquez au moins une ressource supérieure à zéro."),
        ('{"ressources.dons": 10}', "rh.motivations : Cette réponse est obligatoire."),
    ],
)
def test_commande_fichier_invalide_message_en_francais(tmp_path, contenu, message):
    fichier = tmp_path / "mauvais.json"
    fichier.write_text(contenu)
    with pytest.raises(CommandError) as exc:
        _executer(str(fichier))
    assert message in str(exc.value)


def test_commande_fichier_absent_ou_profil_inconnu(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        _executer(str(tmp_path / "absent.json"))
    with pytest.raises(CommandError, match="Profil inconnu"):
        _executer("--modele", "--profil", "martien")
    with pytest.raises(CommandError, match="Indiquez le fichier"):
        _executer()


def test_commande_sort_en_erreur_non_nulle_avec_le_message(tmp_path):
    import os
    import subprocess
    import sys

    from django.db import connection

    fichier = tmp_path / "mauvais.json"
    fichier.write_text('{"ressources.dons": -1}')
    reglages = connection.settings_dict
    # Les questionnaires par défaut sont chargés par migration dans la base de test.
    url = f"postgres://{reglages['USER']}@{reglages['HOST']}:{reglages['PORT']}/{reglages['NAME']}"
    processus = subprocess.run(
        [sys.executable, "manage.py", "score_diagnostic", str(fichier)],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": url},
    )
    assert processus.returncode == 1
    assert "Le montant ne peut pas être négatif." in processus.stderr


def test_commande_ecrit_la_fiche_pdf(tmp_path):
    from pypdf import PdfReader

    fichier = tmp_path / "reponses.json"
    fichier.write_text(json.dumps(reponses_association(echelle=1)))
    sortie = tmp_path / "fiche.pdf"
    resultat = json.loads(_executer(str(fichier), "--pdf", str(sortie)))
    assert resultat["format"] == "webinaires"
    texte = " ".join(p.extract_text() for p in PdfReader(sortie).pages)
    assert "Webinaires" in texte
