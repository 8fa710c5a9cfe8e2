import json
from html import unescape

import pytest
from django.core.management import call_command

from autodiagnostic.models import Resultat
from ressources.enums import GenreFiche, StatutFiche
from ressources.models import FichePDF

from .conftest import contenu_reponse, diagnostic_termine, lire_pdf, texte_pdf

pytestmark = pytest.mark.django_db

RESSOURCES = {
    "ressources.cotisations": 5000,
    "ressources.ventes": 60000,
    "ressources.subventions": 20000,
    "ressources.dons": 15000,
}


@pytest.fixture
def diagnostic():
    return diagnostic_termine(organisation_nom="Les Jardins d'Émile", ressources=RESSOURCES)


def test_jeton_inconnu_donne_404(client):
    reponse = client.get("/autodiagnostic/jeton-inconnu/fiche.pdf")
    assert reponse.status_code == 404
    assert FichePDF.objects.count() == 0


def test_diagnostic_sans_resultat_donne_404(client):
    from autodiagnostic import services

    diagnostic = services.diagnostic_creer(profil="association", organisation_nom="Sans fin")
    assert client.get(f"/autodiagnostic/{diagnostic.jeton}/fiche.pdf").status_code == 404


def test_page_de_resultat_propose_la_fiche_et_son_etat(client, diagnostic):
    html = unescape(client.get(diagnostic.get_resultat_url()).content.decode())
    url = f"/autodiagnostic/{diagnostic.jeton}/fiche.pdf"
    assert f'href="{url}"' in html
    assert "Télécharger ma fiche repère personnalisée (PDF)" in html
    assert f'hx-get="{url}?etat=compact" hx-trigger="load"' in html


def test_etat_compact_sur_la_page_de_resultat_sans_second_bouton(
    client, diagnostic, django_capture_on_commit_callbacks
):
    url = f"/autodiagnostic/{diagnostic.jeton}/fiche.pdf?etat=compact"
    with django_capture_on_commit_callbacks(execute=True):
        html = unescape(client.get(url, headers={"HX-Request": "true"}).content.decode())
    assert "Fiche en préparation…" in html
    assert f'hx-get="{url}"' in html  # le suivi garde le mode compact
    html = unescape(client.get(url, headers={"HX-Request": "true"}).content.decode())
    assert "La fiche est prête." in html
    assert "Télécharger la fiche (PDF)" not in html


def test_fiche_personnalisee_contient_le_resultat(
    client, diagnostic, django_capture_on_commit_callbacks
):
    url = f"/autodiagnostic/{diagnostic.jeton}/fiche.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.get(url)
    html = unescape(reponse.content.decode())
    assert "Fiche en préparation…" in html
    assert f'href="{diagnostic.get_resultat_url()}"' in html

    reponse = client.get(url)
    assert reponse["Content-Type"] == "application/pdf"
    assert "fiche-repere-les-jardins-demile.pdf" in reponse["Content-Disposition"]
    contenu = contenu_reponse(reponse)
    lecteur = lire_pdf(contenu)
    assert len(lecteur.pages) >= 2
    assert lecteur.metadata.title == "Fiche repère personnalisée — Les Jardins d'Émile"
    assert lecteur.metadata.author == "Le RAMEAU"

    resultat = Resultat.objects.get(diagnostic=diagnostic)
    texte = texte_pdf(contenu)
    assert "Les Jardins d'Émile" in texte
    for code in ("M1", "M2", "M3", "M4", "M5", "M6", "M7"):
        assert code in texte
    assert "Prestations et valorisation de savoir-faire" in texte  # modèle dominant (M2)
    assert resultat.libelle in texte
    assert f"Le format recommandé : {resultat.format.nom}" in texte
    assert "Votre maturité, levier par levier" in texte
    assert "Revenus d'activité" in texte  # famille de leviers du modèle dominant
    fiche = FichePDF.objects.get()
    assert (fiche.genre, fiche.cle) == (GenreFiche.DIAGNOSTIC, diagnostic.jeton)
    assert fiche.statut == StatutFiche.PRETE


def test_commande_score_diagnostic_ecrit_la_fiche(tmp_path, capsys):
    reponses = {"besoin.prioritaire": "experimenter", **RESSOURCES}
    from autodiagnostic.models import Questionnaire

    questionnaire = Questionnaire.objects.get(profil="association", statut="publie")
    reponses.update({q.code: 3 for q in questionnaire.questions.all() if q.type == "echelle"})
    fichier = tmp_path / "reponses.json"
    fichier.write_text(json.dumps(reponses))
    sortie = tmp_path / "fiche.pdf"
    call_command("score_diagnostic", str(fichier), "--pdf", str(sortie))
    contenu = sortie.read_bytes()
    assert len(lire_pdf(contenu).pages) >= 2
    texte = texte_pdf(contenu)
    assert "Prestations et valorisation de savoir-faire" in texte
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fiche.pdf", "reponses.json"]


def test_nouveau_calcul_du_resultat_donne_une_nouvelle_fiche(
    client, diagnostic, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from autodiagnostic import services

    url = f"/autodiagnostic/{diagnostic.jeton}/fiche.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    assert "Prestations et valorisation" in texte_pdf(contenu_reponse(client.get(url)))
    with django_assert_max_num_queries(1):  # le diagnostic seulement ; le PDF vient du stockage
        assert client.get(url)["Content-Type"] == "application/pdf"

    donnees = {"ressources.ventes": 0, "ressources.subventions": 90000}
    services.reponses_enregistrer(
        diagnostic=diagnostic,
        questions=list(diagnostic.questionnaire.questions.filter(code__in=donnees)),
        donnees=donnees,
    )
    services.diagnostic_terminer(diagnostic=diagnostic)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.get(url)
    assert "Fiche en préparation…" in reponse.content.decode()
    texte = texte_pdf(contenu_reponse(client.get(url)))
    assert "Subventions publiques" in texte
    assert FichePDF.objects.filter(cle=diagnostic.jeton).count() == 1


def test_commande_score_diagnostic_refuse_un_dossier_introuvable(tmp_path):
    from django.core.management.base import CommandError

    from autodiagnostic.models import Questionnaire

    questionnaire = Questionnaire.objects.get(profil="association", statut="publie")
    reponses = {q.code: 3 for q in questionnaire.questions.all() if q.type == "echelle"}
    reponses.update({"besoin.prioritaire": "experimenter", **RESSOURCES})
    fichier = tmp_path / "reponses.json"
    fichier.write_text(json.dumps(reponses))
    with pytest.raises(CommandError, match="Dossier introuvable pour la fiche PDF"):
        call_command("score_diagnostic", str(fichier), "--pdf", str(tmp_path / "absent" / "f.pdf"))
