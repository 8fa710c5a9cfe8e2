"""Qui peut lire et modifier un diagnostic ; un diagnostic terminé ne change plus."""

import pytest
from django.urls import reverse

from autodiagnostic.models import Diagnostic, Reponse
from programme.models import Membre
from tests.factories import MembreFactory, OrganisationFactory, UtilisateurFactory

from .conftest import diagnostic_termine

pytestmark = pytest.mark.django_db


def _urls_lecture(jeton: str) -> list[str]:
    return [
        reverse("autodiagnostic:reprendre", args=[jeton]),
        reverse("autodiagnostic:section", args=[jeton, 1]),
        reverse("autodiagnostic:section", args=[jeton, 6]),
        reverse("autodiagnostic:resultat", args=[jeton]),
        reverse("autodiagnostic:resultat_json", args=[jeton]),
        reverse("autodiagnostic:fiche", args=[jeton]),
        reverse("autodiagnostic:copier", args=[jeton]),
    ]


def _urls_ecriture(jeton: str) -> list[str]:
    return [
        reverse("autodiagnostic:section", args=[jeton, 1]),
        reverse("autodiagnostic:section", args=[jeton, 6]),
        reverse("autodiagnostic:reponse", args=[jeton, "ressources.dons"]),
        reverse("autodiagnostic:fiche", args=[jeton]),
        reverse("autodiagnostic:copier", args=[jeton]),
    ]


def _nombre_de_reponses(diagnostic) -> int:
    return Reponse.objects.filter(diagnostic=diagnostic).count()


def test_hors_connexion_le_lien_d_un_diagnostic_d_organisation_mene_a_la_connexion(client):
    diagnostic = diagnostic_termine(organisation=OrganisationFactory())
    avant = _nombre_de_reponses(diagnostic)
    connexion = reverse("account_login")
    for url in _urls_lecture(diagnostic.jeton):
        reponse = client.get(url)
        assert reponse.status_code == 302, url
        assert reponse.url.startswith(f"{connexion}?next="), url
    for url in _urls_ecriture(diagnostic.jeton):
        reponse = client.post(url, {"ressources.dons": ""})
        assert reponse.status_code == 302, url
        assert reponse.url.startswith(f"{connexion}?next="), url
    # Fragments htmx (enregistrement automatique, état de la fiche) : redirection de la page.
    fragment = client.get(
        reverse("autodiagnostic:fiche", args=[diagnostic.jeton]) + "?etat=compact",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver" + diagnostic.get_resultat_url(),
    )
    assert fragment["HX-Redirect"].startswith(f"{connexion}?next=")
    assert "resultat" in fragment["HX-Redirect"]
    autosave = client.post(
        reverse("autodiagnostic:reponse", args=[diagnostic.jeton, "ressources.dons"]),
        {"ressources.dons": ""},
        HTTP_HX_REQUEST="true",
    )
    assert autosave["HX-Redirect"].startswith(f"{connexion}?next=")
    assert _nombre_de_reponses(diagnostic) == avant
    assert not Diagnostic.objects.exclude(pk=diagnostic.pk).exists()  # aucune copie


def test_personne_connectee_non_membre_refusee_partout(client):
    diagnostic = diagnostic_termine(organisation=OrganisationFactory())
    avant = _nombre_de_reponses(diagnostic)
    client.force_login(UtilisateurFactory())
    for url in _urls_lecture(diagnostic.jeton):
        assert client.get(url).status_code == 404, url
    for url in _urls_ecriture(diagnostic.jeton):
        assert client.post(url, {"ressources.dons": ""}).status_code == 404, url
        assert client.post(url, {}, HTTP_HX_REQUEST="true").status_code == 404, url
    assert _nombre_de_reponses(diagnostic) == avant
    assert Diagnostic.objects.count() == 1


def test_l_auteur_qui_quitte_l_organisation_perd_l_acces(client):
    adhesion = MembreFactory()
    diagnostic = diagnostic_termine(
        organisation=adhesion.organisation, utilisateur=adhesion.utilisateur
    )
    client.force_login(adhesion.utilisateur)
    assert client.get(diagnostic.get_resultat_url()).status_code == 200
    assert diagnostic.jeton in client.get(reverse("programme:espace")).content.decode()
    Membre.objects.filter(pk=adhesion.pk).delete()
    assert client.get(diagnostic.get_resultat_url()).status_code == 404
    assert diagnostic.jeton not in client.get(reverse("programme:espace")).content.decode()


def test_un_membre_voit_tout_le_diagnostic_de_son_organisation(client):
    organisation = OrganisationFactory()
    diagnostic = diagnostic_termine(organisation=organisation)
    client.force_login(MembreFactory(organisation=organisation).utilisateur)
    for url in _urls_lecture(diagnostic.jeton):
        if url.endswith("fiche.pdf"):
            continue  # le PDF est préparé par une tâche : voir tests/ressources
        assert client.get(url).status_code == 200, url


def test_diagnostic_anonyme_seulement_par_son_lien_secret(client):
    diagnostic = diagnostic_termine()
    autre = diagnostic_termine()
    assert diagnostic.jeton != autre.jeton
    assert len(diagnostic.jeton) >= 43  # secrets.token_urlsafe(32) : 256 bits d'aléa
    assert client.get(diagnostic.get_resultat_url()).status_code == 200
    assert (
        client.get(reverse("autodiagnostic:resultat", args=[diagnostic.jeton[:-1]])).status_code
        == 404
    )
    assert (
        client.get(reverse("autodiagnostic:resultat", args=[str(diagnostic.pk)])).status_code == 404
    )


@pytest.mark.parametrize("connecte", [False, True])
def test_cinq_envois_vides_ne_modifient_pas_un_diagnostic_termine(client, connecte):
    organisation = OrganisationFactory() if connecte else None
    diagnostic = diagnostic_termine(organisation=organisation)
    if connecte:
        client.force_login(MembreFactory(organisation=organisation).utilisateur)
    avant = dict(
        Reponse.objects.filter(diagnostic=diagnostic).values_list("question__code", "valeur")
    )
    assert len(avant) == 23  # 2 ressources, 20 échelles, le besoin
    for numero in range(1, 6):
        reponse = client.post(reverse("autodiagnostic:section", args=[diagnostic.jeton, numero]))
        assert reponse.status_code == 409
        page = reponse.content.decode()
        assert "Ce diagnostic est terminé : ses réponses ne peuvent plus être modifiées." in page
        assert "Commencer un nouveau diagnostic à partir de celui-ci" in page
        assert reverse("autodiagnostic:copier", args=[diagnostic.jeton]) in page
    # Même chose avec des valeurs, pour la dernière section (qui recalculerait le résultat),
    # et par l'enregistrement automatique.
    client.post(
        reverse("autodiagnostic:section", args=[diagnostic.jeton, 6]),
        {"besoin.prioritaire": "transformer"},
    )
    url_reponse = reverse("autodiagnostic:reponse", args=[diagnostic.jeton, "ressources.dons"])
    fragment = client.post(url_reponse, {"ressources.dons": "99"}, HTTP_HX_REQUEST="true")
    assert "Ce diagnostic est terminé" in fragment.content.decode()
    assert "Réponse enregistrée" not in fragment.content.decode()
    assert client.post(url_reponse, {"ressources.dons": "99"}).status_code == 409
    apres = dict(
        Reponse.objects.filter(diagnostic=diagnostic).values_list("question__code", "valeur")
    )
    assert apres == avant
    diagnostic.resultat.refresh_from_db()
    assert diagnostic.resultat.donnees["besoin"] == "decouvrir"


def test_section_d_un_diagnostic_termine_propose_le_resultat_et_une_copie(client):
    diagnostic = diagnostic_termine()
    page = client.get(reverse("autodiagnostic:section", args=[diagnostic.jeton, 1]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ce diagnostic est terminé" in html
    assert diagnostic.get_resultat_url() in html
    assert reverse("autodiagnostic:copier", args=[diagnostic.jeton]) in html
    assert 'name="ressources.dons"' not in html  # plus de formulaire de saisie
    resultat = client.get(diagnostic.get_resultat_url()).content.decode()
    assert "Modifier mes réponses" not in resultat
    assert "Commencer un nouveau diagnostic à partir de celui-ci" in resultat
    reprendre = client.get(diagnostic.get_absolute_url()).content.decode()
    assert "Reprendre le questionnaire" not in reprendre
    assert "Commencer un nouveau diagnostic à partir de celui-ci" in reprendre


def test_copier_cree_un_diagnostic_modifiable_prerempli(client):
    organisation = OrganisationFactory()
    membre = MembreFactory(organisation=organisation).utilisateur
    source = diagnostic_termine(
        organisation=organisation, organisation_nom="Les Amis du parc", email="a@exemple.org"
    )
    reponses_source = dict(
        Reponse.objects.filter(diagnostic=source).values_list("question__code", "valeur")
    )
    client.force_login(membre)
    url = reverse("autodiagnostic:copier", args=[source.jeton])
    assert "Commencer un nouveau diagnostic" in client.get(url).content.decode()
    assert Diagnostic.objects.count() == 1  # afficher la page ne copie rien
    reponse = client.post(url)
    copie = Diagnostic.objects.exclude(pk=source.pk).get()
    assert reponse.status_code == 302
    assert reponse.url == reverse("autodiagnostic:section", args=[copie.jeton, 1])
    assert copie.jeton != source.jeton
    assert copie.termine_le is None
    assert (copie.organisation, copie.utilisateur) == (organisation, membre)
    assert (copie.organisation_nom, copie.email) == ("Les Amis du parc", "a@exemple.org")
    assert copie.questionnaire == source.questionnaire
    reponses_copie = dict(
        Reponse.objects.filter(diagnostic=copie).values_list("question__code", "valeur")
    )
    assert reponses_copie == reponses_source
    page = client.get(reponse.url).content.decode()
    assert 'value="8000"' in page  # la saisie est pré-remplie
    # La copie se modifie et se termine ; la source ne bouge pas.
    client.post(
        reverse("autodiagnostic:section", args=[copie.jeton, 1]),
        {"ressources.cotisations": "1000", "ressources.benevolat": "", "ressources.ventes": "9000"},
    )
    reponse = client.post(
        reverse("autodiagnostic:section", args=[copie.jeton, 6]),
        {"besoin.prioritaire": "decouvrir"},
    )
    assert reponse.url == reverse("autodiagnostic:resultat", args=[copie.jeton])
    copie.refresh_from_db()
    assert copie.resultat.dominant == "M2"
    source.resultat.refresh_from_db()
    assert source.resultat.dominant == "M1"
    assert (
        dict(Reponse.objects.filter(diagnostic=source).values_list("question__code", "valeur"))
        == reponses_source
    )


def test_copier_un_diagnostic_anonyme_par_son_lien(client):
    source = diagnostic_termine()
    reponse = client.post(reverse("autodiagnostic:copier", args=[source.jeton]))
    copie = Diagnostic.objects.exclude(pk=source.pk).get()
    assert reponse.url == reverse("autodiagnostic:section", args=[copie.jeton, 1])
    assert copie.organisation is None and copie.utilisateur is None
    assert Reponse.objects.filter(diagnostic=copie).count() == _nombre_de_reponses(source)
