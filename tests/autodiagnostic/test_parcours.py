"""Parcours web : démarrer, répondre section par section, reprendre, résultat."""

import pytest
from django.urls import reverse

from autodiagnostic.models import Diagnostic, Reponse
from tests.factories import MembreFactory, OrganisationFactory, UtilisateurFactory

from .conftest import diagnostic_termine

pytestmark = pytest.mark.django_db


def _demarrer(client, **donnees):
    reponse = client.post(reverse("autodiagnostic:demarrer"), {"profil": "association", **donnees})
    assert reponse.status_code == 302
    return Diagnostic.objects.latest("cree_le"), reponse


def test_demarrer_propose_les_profils_publies(client):
    page = client.get(reverse("autodiagnostic:demarrer")).content.decode()
    for libelle in ["Association", "Tête de réseau", "Accompagnateur ou financeur", "Chercheur"]:
        assert libelle in page
    assert "Rattacher" not in page  # réservé aux personnes connectées


def test_demarrer_sans_compte_cree_un_diagnostic_avec_jeton_secret(client):
    diagnostic, reponse = _demarrer(client, organisation_nom="Les Amis du parc", email="")
    assert len(diagnostic.jeton) >= 43
    assert diagnostic.organisation_nom == "Les Amis du parc"
    assert reponse.url == reverse("autodiagnostic:section", args=[diagnostic.jeton, 1])


def test_demarrer_email_invalide_message_en_francais(client):
    reponse = client.post(
        reverse("autodiagnostic:demarrer"), {"profil": "association", "email": "pas-un-email"}
    )
    assert reponse.status_code == 200
    assert "Saisissez une adresse de courriel valide." in reponse.content.decode()
    assert not Diagnostic.objects.exists()


def test_section_affiche_la_progression_et_les_questions(client):
    diagnostic, _r = _demarrer(client)
    page = client.get(reverse("autodiagnostic:section", args=[diagnostic.jeton, 1])).content
    page = page.decode()
    assert 'max="6" value="1"' in page
    assert "Étape 1 sur 6" in page
    assert 'name="ressources.cotisations"' in page
    assert "hx-post=" in page and 'aria-live="polite"' in page


def test_section_post_sans_js_garde_les_reponses_valides_et_signale_les_erreurs(client):
    diagnostic, _r = _demarrer(client)
    url = reverse("autodiagnostic:section", args=[diagnostic.jeton, 1])
    reponse = client.post(
        url,
        {
            "ressources.cotisations": "12 000",
            "ressources.dons": "-50",
            "ressources.ventes": "beaucoup",
            "ressources.subventions": "1e12",
            "action": "suivant",
        },
    )
    page = reponse.content.decode()
    assert reponse.status_code == 400
    assert "Le montant ne peut pas être négatif." in page
    assert "Saisissez un nombre, par exemple 12 000." in page
    assert "10 milliards" in page
    assert 'value="beaucoup"' in page  # la saisie invalide reste affichée
    assert 'value="12000"' in page
    valeurs = dict(
        Reponse.objects.filter(diagnostic=diagnostic).values_list("question__code", "valeur")
    )
    assert valeurs == {"ressources.cotisations": 12000.0}


def test_section_ressources_toutes_nulles(client):
    diagnostic, _r = _demarrer(client)
    url = reverse("autodiagnostic:section", args=[diagnostic.jeton, 1])
    reponse = client.post(url, {"ressources.dons": "0", "action": "suivant"})
    assert "Indiquez au moins une ressource supérieure à zéro." in reponse.content.decode()


def test_section_obligatoire_manquante(client):
    diagnostic, _r = _demarrer(client)
    url = reverse("autodiagnostic:section", args=[diagnostic.jeton, 2])
    reponse = client.post(url, {"rh.motivations": "3", "action": "suivant"})
    page = reponse.content.decode()
    assert page.count("Cette réponse est obligatoire.") >= 4
    assert Reponse.objects.get(diagnostic=diagnostic).valeur == 3


def test_autosave_htmx_renvoie_l_etat_du_champ(client):
    diagnostic, _r = _demarrer(client)
    url = reverse("autodiagnostic:reponse", args=[diagnostic.jeton, "ressources.dons"])
    ok = client.post(url, {"ressources.dons": "1 500,5"}, HTTP_HX_REQUEST="true")
    assert "Réponse enregistrée." in ok.content.decode()
    assert Reponse.objects.get(diagnostic=diagnostic).valeur == 1500.5
    ko = client.post(url, {"ressources.dons": "-3"}, HTTP_HX_REQUEST="true")
    assert "Le montant ne peut pas être négatif." in ko.content.decode()
    assert Reponse.objects.get(diagnostic=diagnostic).valeur == 1500.5  # rien de perdu
    assert (
        client.post(
            reverse("autodiagnostic:reponse", args=[diagnostic.jeton, "inconnu"]),
            {},
            HTTP_HX_REQUEST="true",
        ).status_code
        == 404
    )


def test_reprendre_plus_tard_affiche_le_lien_et_l_envoie(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    diagnostic, _r = _demarrer(client, email="tresorier@exemple.org")
    url = reverse("autodiagnostic:section", args=[diagnostic.jeton, 1])
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(url, {"ressources.dons": "300", "action": "plus_tard"}, follow=True)
    page = reponse.content.decode()
    lien = "http://testserver" + diagnostic.get_absolute_url()
    assert lien in page
    assert "envoyé à tresorier@exemple.org" in page
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["tresorier@exemple.org"]
    assert diagnostic.get_absolute_url() in message.body
    assert diagnostic.get_absolute_url() in message.alternatives[0][0]
    # Revenir à la section : la réponse est en place.
    assert 'value="300"' in client.get(url).content.decode()
    # Un second clic dans la minute n'envoie pas un courriel de plus.
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(url, {"action": "plus_tard"}, follow=True)
    assert "envoyé à tresorier@exemple.org" in reponse.content.decode()
    assert len(mailoutbox) == 1


def test_parcours_complet_jusqu_au_resultat(client):
    diagnostic, _r = _demarrer(client)
    jeton = diagnostic.jeton
    client.post(
        reverse("autodiagnostic:section", args=[jeton, 1]),
        {
            "ressources.ventes": "45000",
            "ressources.subventions": "40000",
            "ressources.dons": "15000",
        },
    )
    questions = diagnostic.questionnaire.questions.filter(type="echelle")
    for numero in range(2, 6):
        codes = questions.filter(section__ordre=numero).values_list("code", flat=True)
        reponse = client.post(
            reverse("autodiagnostic:section", args=[jeton, numero]), dict.fromkeys(codes, "3")
        )
        assert reponse.status_code == 302
    reponse = client.post(
        reverse("autodiagnostic:section", args=[jeton, 6]),
        {"besoin.prioritaire": "echange_pairs"},
    )
    assert reponse.url == reverse("autodiagnostic:resultat", args=[jeton])
    page = client.get(reponse.url).content.decode()
    assert "M2 / M4" in page
    assert "Sessions de co-développement" in page
    assert "<svg" in page and "<table" in page
    assert "Prestations et valorisation de savoir-faire" in page  # carte du modèle
    assert "Revenus d&#x27;activité" in page or "Revenus d'activité" in page
    json = client.get(reverse("autodiagnostic:resultat_json", args=[jeton])).json()
    assert json["modele"] == "M2 / M4"
    assert json["hybride"] is True
    assert json["format"] == "co-developpement"
    assert json["version_questionnaire"] == 2  # la version qui fait choisir l'unité
    assert json["niveau"] == 3


def test_terminer_avec_reponses_manquantes_renvoie_a_la_section(client):
    diagnostic, _r = _demarrer(client)
    reponse = client.post(
        reverse("autodiagnostic:section", args=[diagnostic.jeton, 6]),
        {"besoin.prioritaire": "decouvrir"},
        follow=True,
    )
    page = reponse.content.decode()
    assert reponse.redirect_chain[-1][0].endswith("/section/1/?verifier=1")
    assert "Indiquez au moins une ressource supérieure à zéro." in page


def test_resultat_avant_la_fin_renvoie_au_questionnaire(client):
    diagnostic, _r = _demarrer(client)
    reponse = client.get(reverse("autodiagnostic:resultat", args=[diagnostic.jeton]))
    assert reponse.status_code == 302
    assert (
        client.get(reverse("autodiagnostic:resultat_json", args=[diagnostic.jeton])).status_code
        == 404
    )


def test_jeton_inconnu_404(client):
    for nom in ["reprendre", "resultat", "resultat_json"]:
        assert client.get(reverse(f"autodiagnostic:{nom}", args=["inconnu"])).status_code == 404
    assert client.get(reverse("autodiagnostic:section", args=["inconnu", 1])).status_code == 404


def test_diagnostic_d_une_autre_organisation_404_pour_un_non_membre(client):
    organisation = OrganisationFactory()
    diagnostic = diagnostic_termine(organisation=organisation)
    url = diagnostic.get_resultat_url()
    client.force_login(UtilisateurFactory())
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("autodiagnostic:section", args=[diagnostic.jeton, 1])).status_code == 404
    )
    membre = MembreFactory(organisation=organisation).utilisateur
    client.force_login(membre)
    assert client.get(url).status_code == 200


def test_personne_connectee_rattache_une_organisation_et_la_retrouve_dans_mon_espace(client):
    adhesion = MembreFactory()
    client.force_login(adhesion.utilisateur)
    page = client.get(reverse("autodiagnostic:demarrer")).content.decode()
    assert adhesion.organisation.nom in page
    diagnostic, _r = _demarrer(client, organisation=adhesion.organisation.pk)
    assert diagnostic.organisation == adhesion.organisation
    assert diagnostic.utilisateur == adhesion.utilisateur
    # Un autre membre de l'organisation le voit aussi dans « Mon espace ».
    collegue = MembreFactory(organisation=adhesion.organisation).utilisateur
    client.force_login(collegue)
    espace = client.get(reverse("programme:espace")).content.decode()
    assert "Mes autodiagnostics" in espace
    assert diagnostic.jeton in espace
    # Une personne extérieure ne le voit pas.
    client.force_login(UtilisateurFactory())
    assert diagnostic.jeton not in client.get(reverse("programme:espace")).content.decode()


def test_organisation_d_autrui_refusee_au_demarrage(client):
    client.force_login(UtilisateurFactory())
    autre = OrganisationFactory()
    reponse = client.post(
        reverse("autodiagnostic:demarrer"), {"profil": "association", "organisation": autre.pk}
    )
    assert reponse.status_code == 200
    assert not Diagnostic.objects.exists()


def _diagnostic_repondu_non_termine():
    from autodiagnostic import services

    from .conftest import reponses_association

    diagnostic = services.diagnostic_creer(profil="association")
    questions = list(diagnostic.questionnaire.questions.prefetch_related("choix"))
    donnees = reponses_association()
    assert (
        services.reponses_enregistrer(diagnostic=diagnostic, questions=questions, donnees=donnees)
        == {}
    )
    return diagnostic


def _reponses(diagnostic) -> dict:
    return dict(
        Reponse.objects.filter(diagnostic=diagnostic).values_list("question__code", "valeur")
    )


def test_envois_vides_ne_perdent_pas_les_reponses_d_un_diagnostic_en_cours(client):
    diagnostic = _diagnostic_repondu_non_termine()
    avant = _reponses(diagnostic)
    for numero in range(1, 6):
        url = reverse("autodiagnostic:section", args=[diagnostic.jeton, numero])
        for action in ["suivant", "plus_tard", "precedent"]:
            assert client.post(url, {"action": action}).status_code == 302
        client.post(url)
    client.post(
        reverse("autodiagnostic:section", args=[diagnostic.jeton, 6]), {"action": "plus_tard"}
    )
    assert _reponses(diagnostic) == avant
    # Un envoi d'enregistrement automatique sans le champ ne l'efface pas non plus.
    for code in ["ressources.cotisations", "rh.motivations", "besoin.prioritaire"]:
        url = reverse("autodiagnostic:reponse", args=[diagnostic.jeton, code])
        reponse = client.post(url, {}, HTTP_HX_REQUEST="true")
        assert reponse.status_code == 400
        assert "Aucune réponse reçue" in reponse.content.decode()
    assert _reponses(diagnostic) == avant


def test_un_champ_vide_par_la_personne_est_efface(client):
    diagnostic = _diagnostic_repondu_non_termine()
    url = reverse("autodiagnostic:section", args=[diagnostic.jeton, 1])
    # Le formulaire envoie tous ses champs de saisie : vide = effacé par la personne.
    client.post(url, {"ressources.cotisations": "", "ressources.benevolat": "20000"})
    assert "ressources.cotisations" not in _reponses(diagnostic)
    assert _reponses(diagnostic)["ressources.benevolat"] == 20000.0
    autosave = reverse("autodiagnostic:reponse", args=[diagnostic.jeton, "besoin.precisions"])
    client.post(autosave, {"besoin.precisions": "Un texte"}, HTTP_HX_REQUEST="true")
    assert _reponses(diagnostic)["besoin.precisions"] == "Un texte"
    client.post(autosave, {"besoin.precisions": ""}, HTTP_HX_REQUEST="true")
    assert "besoin.precisions" not in _reponses(diagnostic)


def test_choix_multiple_decoche_entierement_est_efface_mais_pas_un_envoi_vide(client):
    from autodiagnostic.models import Choix, Question, Section

    diagnostic = _diagnostic_repondu_non_termine()
    section = Section.objects.get(questionnaire=diagnostic.questionnaire, ordre=6)
    question = Question.objects.create(
        questionnaire=diagnostic.questionnaire,
        section=section,
        ordre=3,
        code="besoin.themes",
        libelle="Thèmes",
        type="choix_multiple",
    )
    for i, code in enumerate(["rh", "partenariats"], start=1):
        Choix.objects.create(question=question, ordre=i, code=code, libelle=code)
    url = reverse("autodiagnostic:section", args=[diagnostic.jeton, 6])
    page = client.get(url).content.decode()
    # Un champ caché garde la trace de la question même quand rien n'est coché.
    assert '<input type="hidden" name="besoin.themes" value="">' in page
    client.post(url, {"besoin.themes": ["", "rh", "partenariats"], "action": "plus_tard"})
    assert _reponses(diagnostic)["besoin.themes"] == ["rh", "partenariats"]
    client.post(url, {"action": "plus_tard"})  # envoi sans le champ : rien ne change
    assert _reponses(diagnostic)["besoin.themes"] == ["rh", "partenariats"]
    autosave = reverse("autodiagnostic:reponse", args=[diagnostic.jeton, "besoin.themes"])
    client.post(autosave, {"besoin.themes": ["", "rh"]}, HTTP_HX_REQUEST="true")
    assert _reponses(diagnostic)["besoin.themes"] == ["rh"]
    client.post(url, {"besoin.themes": [""], "action": "plus_tard"})  # tout décoché
    assert "besoin.themes" not in _reponses(diagnostic)
