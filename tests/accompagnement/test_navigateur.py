"""Dans Chromium : un diagnostic d'association qui demande à être accompagnée mène aux
ateliers et au prochain atelier, où l'on s'inscrit en une étape depuis le résultat ; la
présence notée par l'équipe donne une attestation (PDF, page de vérification), que l'équipe
peut révoquer ; les pages de l'accompagnement passent axe-core sans violation."""

import subprocess
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from agenda.models import Inscription
from formations.models import Attestation
from tests.factories import SessionFactory, UtilisateurFactory
from tests.rameau.test_accessibilite import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _suivant(page):
    page.locator("button[value=suivant]").click()


def test_diagnostic_accompagnement_vers_l_atelier_en_une_etape(
    page, live_server, contenu_autodiagnostic, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path
    SessionFactory(titre="Atelier des territoires", publics=["territoire"], dans=timedelta(days=5))
    atelier = SessionFactory(
        titre="Atelier « Diagnostiquer son modèle »", dans=timedelta(days=12), capacite=12
    )
    SessionFactory(titre="Atelier plus tard", dans=timedelta(days=40))

    page.goto(f"{live_server.url}/autodiagnostic/")
    page.get_by_label("Nom de l'organisation (facultatif)").fill("Les Jardins du Canal")
    page.get_by_label("Adresse e-mail (facultatif)").fill("jardins@exemple.org")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/section/1/")
    page.locator('input[name="ressources.cotisations"]').fill("9000")
    page.locator('input[name="ressources.benevolat"]').fill("21000")
    _suivant(page)
    numero = 2
    while not page.locator('input[name="besoin.prioritaire"]').count():
        page.wait_for_url(f"**/section/{numero}/")
        for nom in set(
            page.locator('.echelle input[type="radio"]').evaluate_all("l => l.map(e => e.name)")
        ):
            page.locator(f'input[name="{nom}"][value="1"]').check()
        _suivant(page)
        numero += 1
        page.wait_for_load_state()
    page.get_by_label("Être accompagné dans la transformation de notre modèle").check()
    _suivant(page)
    page.wait_for_url("**/resultat/")

    # Niveau 1 et besoin d'accompagnement : les ateliers, première étape avant un parcours.
    assert page.locator(".format-recommande").inner_text() == "Ateliers"
    explication = page.locator(".explication").inner_text()
    assert "Être accompagné dans la transformation" in explication
    assert "Découvrir" in explication
    prochaine = page.get_by_text("Prochaine occasion").locator("xpath=..")
    assert "Atelier « Diagnostiquer son modèle »" in prochaine.inner_text()
    bloc = page.locator("section", has=page.get_by_role("heading", name="S'inscrire à"))
    assert bloc.get_by_label("Adresse e-mail").input_value() == "jardins@exemple.org"
    assert bloc.get_by_label("Organisation").input_value() == "Les Jardins du Canal"
    bloc.get_by_label("Nom et prénom").fill("Camille Jardin")
    bloc.get_by_label("J'accepte").check()
    bloc.get_by_role("button", name="Je m'inscris").click()
    page.get_by_text("Votre inscription est confirmée").wait_for()
    inscription = Inscription.objects.get()
    assert (inscription.session, inscription.statut) == (atelier, "confirmee")

    # La confirmation part par la boîte d'envoi (tâche après le commit), avec le .ics.
    for _ in range(50):
        if mail.outbox:
            break
        time.sleep(0.1)
    (message,) = mail.outbox
    assert message.to == ["jardins@exemple.org"]
    assert message.subject.startswith("Inscription confirmée")
    ((nom, contenu, type_mime),) = message.attachments
    assert (nom, type_mime) == ("atelier.ics", "text/calendar")
    contenu = contenu.decode() if isinstance(contenu, bytes) else contenu
    assert "BEGIN:VEVENT" in contenu and "Diagnostiquer son mod" in contenu

    # L'équipe note la présence dans l'administration (action sur les inscriptions) :
    # l'attestation de présence part, exactement une fois, par la boîte d'envoi.
    equipe = Client()
    equipe.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    reponse = equipe.post(
        "/admin/agenda/inscription/",
        {"action": "marquer_presents", "_selected_action": [inscription.pk]},
        follow=True,
    )
    assert "1 présence notée" in reponse.content.decode()
    attestation = Attestation.objects.get(inscription=inscription)
    for _ in range(50):
        if len(mail.outbox) == 2:
            break
        time.sleep(0.1)
    assert attestation.get_absolute_url() in mail.outbox[-1].body

    # Le PDF, téléchargé comme la personne le ferait, porte son nom et l'atelier.
    reponse = page.request.get(f"{live_server.url}{attestation.url_pdf}")
    assert reponse.headers["content-type"] == "application/pdf"
    texte = subprocess.run(
        ["pdftotext", "-", "-"], input=reponse.body(), capture_output=True, check=True
    ).stdout.decode()
    assert "Camille Jardin" in texte and "Diagnostiquer son modèle" in texte

    # La page de vérification dit « valide », puis « révoquée » quand l'équipe révoque.
    page.goto(f"{live_server.url}{attestation.get_absolute_url()}")
    page.get_by_text("Attestation valide").wait_for()
    equipe.post(
        "/admin/formations/attestation/",
        {
            "action": "revoquer",
            "_selected_action": [attestation.pk],
            "motif": "Présence notée par erreur",
        },
    )
    page.reload()
    page.get_by_text("Attestation révoquée").wait_for()
    page.journal.verifier()


def test_pages_de_l_accompagnement_sans_violation_wcag(
    navigateur, live_server, contenu_autodiagnostic
):
    from django.test import Client

    from agenda import services as agenda
    from tests.autodiagnostic.conftest import diagnostic_termine
    from tests.factories import UtilisateurFactory

    atelier = SessionFactory(titre="Atelier Territoires", publics=["territoire"], capacite=10)
    SessionFactory(titre="Atelier pour tous", dans=timedelta(days=9))
    parcours = SessionFactory(slug_format="parcours", titre="Parcours 21", capacite=20)
    for ordre, titre in enumerate(["Cadrage", "Méthode et application", "Bilan"], start=1):
        SessionFactory(
            slug_format="parcours",
            parent=parcours,
            ordre=ordre,
            titre=titre,
            dans=timedelta(days=7 + 30 * ordre),
        )
    personne = UtilisateurFactory(email="moi@exemple.org")
    inscription = agenda.inscription_creer(
        session=parcours, nom="Moi", email=personne.email, utilisateur=personne
    ).inscription
    # Résultat avec l'explication et le formulaire d'inscription au prochain atelier.
    diagnostic = diagnostic_termine(echelle=3, besoin="experimenter")
    client = Client()
    client.force_login(personne)

    contexte = navigateur.new_context(locale="fr-FR", bypass_csp=True)
    page = contexte.new_page()
    constats = {}
    chemins = [
        "/accompagnement/",
        "/accompagnement/?public=territoire",
        f"/accompagnement/ateliers/{atelier.pk}/",
        f"/accompagnement/parcours/{parcours.pk}/",
        diagnostic.get_resultat_url(),
        inscription.get_absolute_url(),
        "/espace/",
    ]
    for chemin in chemins:
        if chemin == "/espace/":
            page.context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": live_server.url,
                    }
                ]
            )
        page.goto(live_server.url + chemin)
        if chemin == diagnostic.get_resultat_url():
            assert page.get_by_role("button", name="Je m'inscris").is_visible()
        if chemin == "/espace/":
            assert page.get_by_role("heading", name="Mes parcours").is_visible()
        if violations := _violations(page):
            constats[chemin] = violations
    contexte.close()
    assert constats == {}
