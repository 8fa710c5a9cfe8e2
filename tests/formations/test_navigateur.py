"""Un vrai Chromium : de /formations/ à l'attestation révoquée.

Parcours public dans le navigateur (liste, module, inscription, page de vérification) ; les
gestes de l'équipe (présence, révocation) par le client de test dans l'administration.
axe-core vérifie /formations/ et la page d'un module (WCAG 2.1 AA : aucune violation).
"""

import re
import subprocess

import pytest
from django.core import mail
from django.test import Client

from agenda import services as agenda
from formations.models import Attestation
from tests.factories import SessionModuleFactory, UtilisateurFactory
from tests.rameau.test_accessibilite import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_de_la_liste_a_l_attestation_revoquee(
    page, navigateur, live_server, contenu_formations, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path
    lien = SessionModuleFactory(
        module__titre="Fundraisers : diversifier ses ressources", module__public="fundraisers"
    )
    SessionModuleFactory(module__titre="Grantmakers : accompagner", module__public="grantmakers")
    mail.outbox.clear()

    # Liste filtrée sans JavaScript (formulaire GET), puis le module.
    page.goto(f"{live_server.url}/formations/")
    page.get_by_label("Public").select_option("fundraisers")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"public=fundraisers"))
    assert page.get_by_role("link", name="Grantmakers : accompagner").count() == 0
    page.get_by_role("link", name="Fundraisers : diversifier ses ressources").click()
    page.get_by_role("heading", level=1, name="Fundraisers : diversifier ses ressources").wait_for()
    assert "1\u00a0200,00\u00a0€" in page.inner_text("main")

    # Inscription : une erreur sur le champ garde ce qui était valide, puis c'est confirmé.
    page.get_by_label("Nom et prénom").fill("Camille Durand")
    page.get_by_label("Adresse e-mail").fill("camille@")
    page.get_by_label("J'accepte").check()
    page.get_by_role("button", name="Je m'inscris").click()
    page.get_by_text("Saisissez une adresse e-mail valide").wait_for()
    assert page.get_by_label("Nom et prénom").input_value() == "Camille Durand"
    page.get_by_label("Adresse e-mail").fill("camille@exemple.org")
    page.get_by_label("J'accepte").check()
    page.get_by_role("button", name="Je m'inscris").click()
    page.get_by_text("Votre inscription est confirmée").wait_for()
    (confirmation,) = mail.outbox
    assert confirmation.to == ["camille@exemple.org"]
    (nom, contenu, type_mime), *_ = confirmation.attachments
    assert (nom, type_mime) == ("formation.ics", "text/calendar")
    contenu = contenu if isinstance(contenu, str) else contenu.decode()
    assert "BEGIN:VEVENT" in contenu and "Session n°" in contenu

    # L'équipe note la présence dans l'administration (action sur les inscriptions).
    equipe = Client()
    equipe.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    inscription = lien.session.inscriptions.get()
    reponse = equipe.post(
        "/admin/agenda/inscription/",
        {"action": "marquer_presents", "_selected_action": [inscription.pk]},
        follow=True,
    )
    assert "1 présence notée" in reponse.content.decode()
    attestation = Attestation.objects.get()
    envoye = mail.outbox[-1]
    assert envoye.subject == (
        "Votre attestation de présence : Fundraisers : diversifier ses ressources"
    )
    assert attestation.get_absolute_url() in envoye.body

    # Le PDF (téléchargé comme la personne le ferait) porte le nom et le module.
    reponse = page.request.get(f"{live_server.url}{attestation.url_pdf}")
    assert reponse.headers["content-type"] == "application/pdf"
    texte = subprocess.run(
        ["pdftotext", "-", "-"], input=reponse.body(), capture_output=True, check=True
    ).stdout.decode()
    assert "Camille Durand" in texte and "Fundraisers : diversifier ses ressources" in texte

    # La page de vérification (lien du QR code) : valide, sans adresse e-mail.
    page.goto(f"{live_server.url}{attestation.get_absolute_url()}")
    page.get_by_text("Attestation valide").wait_for()
    assert "camille@exemple.org" not in page.content()

    # L'équipe révoque, avec un motif ; la page le dit.
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
    assert "Présence notée par erreur" not in page.content()
    page.journal.verifier()


def test_formations_et_module_sans_violation_wcag(
    navigateur, live_server, contenu_formations, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    lien = SessionModuleFactory(module__titre="Module audité")
    inscription = agenda.inscription_creer(
        session=lien.session, nom="Alix Bernard", email="alix@exemple.org"
    ).inscription
    agenda.presence_marquer(inscription=inscription)  # l'attestation part après le commit
    attestation = Attestation.objects.get()
    SessionModuleFactory(module__titre="Autre module", module__public="grantmakers")
    contexte = navigateur.new_context(locale="fr-FR", bypass_csp=True)
    page = contexte.new_page()
    constats = {}
    for chemin in [
        "/formations/",
        "/formations/?niveau=3&public=grantmakers",
        lien.module.get_absolute_url(),
        "/formats/formations-aff/",
        attestation.get_absolute_url(),
    ]:
        page.goto(live_server.url + chemin)
        if violations := _violations(page):
            constats[chemin] = violations
    contexte.close()
    assert constats == {}
