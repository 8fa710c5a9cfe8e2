"""Pilier 3 : liste des modules filtrable sans JavaScript, page d'un module et inscription,
présences, attestation émise exactement une fois (PDF, page de vérification, badge signé),
révocation, certificat d'aptitude, Mon espace, page du format, recherche."""

import json
import subprocess
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from agenda import services as agenda
from agenda.models import Inscription, Presence
from envois.models import Envoi
from formations import badges, services, signature
from formations.enums import GENRE_ATTESTATION, GENRE_CERTIFICAT
from formations.models import Attestation, Certificat
from formations.templatetags.formations import date_longue, euros
from tests.factories import ModuleFactory, SessionModuleFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db


def _inscrire(lien, email="camille@exemple.org", nom="Camille Durand"):
    return agenda.inscription_creer(session=lien.session, nom=nom, email=email).inscription


def _present(inscription, capture):
    with capture(execute=True):
        agenda.presence_marquer(inscription=inscription)


def _texte_pdf(contenu: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=contenu, capture_output=True, check=True
    ).stdout.decode()


# --- Présentation ---------------------------------------------------------------------------


def test_montants_et_dates_en_francais():
    assert euros(1200) == "1\u00a0200,00\u00a0€"
    assert euros("650.5") == "650,50\u00a0€"
    assert euros(1234567.891) == "1\u00a0234\u00a0567,89\u00a0€"
    from datetime import date

    assert date_longue(date(2026, 12, 1)) == "1er décembre 2026"
    assert date_longue(date(2027, 1, 15)) == "15 janvier 2027"


def test_liste_par_niveau_et_public_filtrable_sans_javascript(client):
    ModuleFactory(titre="Pour fundraisers", public="fundraisers")
    ModuleFactory(titre="Pour grantmakers", public="grantmakers")
    ModuleFactory(titre="Pour tous", public="tous")
    ModuleFactory(titre="Le MOOC", niveau=2, prix=None, lien="https://mooc.exemple.org/")
    ModuleFactory(titre="Brouillon", publie=False)
    page = client.get("/formations/").content.decode()
    assert "Pour fundraisers" in page and "Le MOOC" in page and "Brouillon" not in page
    assert page.index("Niveau 2") < page.index("Niveau 3")
    assert "Gratuit" in page and "1\u00a0200,00\u00a0€" in page
    page = client.get("/formations/", {"public": "grantmakers", "niveau": "3"}).content.decode()
    assert "Pour grantmakers" in page and "Pour tous" in page
    assert "Pour fundraisers" not in page and "Le MOOC" not in page
    # Valeurs inconnues : ignorées, jamais d'erreur.
    reponse = client.get("/formations/", {"public": "<script>", "niveau": "99x"})
    assert reponse.status_code == 200 and "Pour fundraisers" in reponse.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_requetes_constantes_sur_la_liste(client, django_assert_num_queries, n):
    for _ in range(n):
        SessionModuleFactory()
    ModuleFactory(niveau=2, lien="https://mooc.exemple.org/")
    # modules + leurs sessions à venir (places comptées)
    with django_assert_num_queries(2):
        reponse = client.get("/formations/")
    assert reponse.content.decode().count("Prochaine session") == n


@pytest.mark.parametrize("n", [1, 3])
def test_requetes_constantes_sur_la_page_d_un_module(client, django_assert_num_queries, n):
    module = ModuleFactory()
    for i in range(n):
        SessionModuleFactory(module=module, session__dans=timedelta(days=7 + i))
    # module, modèles, leviers, partenaires, certificats, sessions à venir
    with django_assert_num_queries(6):
        reponse = client.get(module.get_absolute_url())
    assert reponse.content.decode().count('name="session"') == n


def test_page_du_module_et_inscription_avec_confirmation_et_ics(
    client, lien, django_capture_on_commit_callbacks
):
    page = client.get(lien.module.get_absolute_url()).content.decode()
    assert "Diagnostiquer son modèle" in page and "12 places restantes" in page
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            reverse("formations:inscrire", args=[lien.module.slug]),
            {
                "session": lien.session_id,
                "nom": "Camille Durand",
                "email": "camille@exemple.org",
                "profil": "association",
                "consentement": "on",
            },
            follow=True,
        )
    inscription = Inscription.objects.get()
    assert reponse.redirect_chain[-1][0] == inscription.get_absolute_url()
    assert "Votre inscription est confirmée" in reponse.content.decode()
    (message,) = mail.outbox
    assert message.to == ["camille@exemple.org"]
    assert "Inscription confirmée" in message.subject
    nom, contenu, type_mime = message.attachments[0]
    assert nom == "formation.ics" and type_mime == "text/calendar"
    assert b"BEGIN:VEVENT" in (contenu if isinstance(contenu, bytes) else contenu.encode())
    assert lien.module.get_absolute_url() in message.body


def test_formulaire_prerempli_et_session_d_un_autre_module_refusee(client, lien):
    personne = UtilisateurFactory(nom="Dominique Martin", email="dominique@exemple.org")
    client.force_login(personne)
    page = client.get(lien.module.get_absolute_url()).content.decode()
    assert 'value="Dominique Martin"' in page and 'value="dominique@exemple.org"' in page
    autre = SessionModuleFactory()
    reponse = client.post(
        reverse("formations:inscrire", args=[lien.module.slug]),
        {
            "session": autre.session_id,
            "nom": "X",
            "email": "x@exemple.org",
            "profil": "association",
            "consentement": "on",
        },
    )
    assert "Choisissez une des sessions proposées" in reponse.content.decode()
    assert not Inscription.objects.exists()


# --- Présences et attestations -----------------------------------------------------------------


def test_presence_notee_en_admin_donne_une_attestation_et_un_e_mail(
    equipe, lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    inscription = _inscrire(lien)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reponse = equipe.post(
            "/admin/agenda/inscription/",
            {"action": "marquer_presents", "_selected_action": [inscription.pk]},
            follow=True,
        )
    assert "1 présence notée" in reponse.content.decode()
    attestation = Attestation.objects.get()
    assert (attestation.nom, attestation.module, attestation.email) == (
        "Camille Durand",
        lien.module,
        "camille@exemple.org",
    )
    assert attestation.pdf  # rendu par la tâche
    (message,) = mail.outbox
    assert "attestation de présence" in message.subject.lower()
    assert attestation.get_absolute_url() in message.body
    texte = _texte_pdf(equipe.get(attestation.url_pdf).getvalue())
    assert "Camille Durand" in texte and "Diversifier ses ressources" in texte
    assert attestation.get_absolute_url() in texte.replace("\n", "")


def test_emission_rejouee_une_seule_attestation_un_seul_e_mail(
    lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    inscription = _inscrire(lien)
    _present(inscription, django_capture_on_commit_callbacks)
    presence = Presence.objects.get()
    mail.outbox.clear()
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            services.attestation_depuis_presence(presence_id=presence.pk)
            services.attestation_emettre(inscription=inscription)
            services.attestations_rattraper()
            agenda.presence_marquer(inscription=inscription)  # noter deux fois
    assert Attestation.objects.count() == 1
    assert Envoi.objects.filter(genre=GENRE_ATTESTATION).count() == 1
    assert mail.outbox == []  # déjà parti au premier passage


def test_pas_d_attestation_sans_presence_ni_pour_une_absence(
    lien, django_capture_on_commit_callbacks
):
    inscription = _inscrire(lien)
    with pytest.raises(services.EmissionImpossible):
        services.attestation_emettre(inscription=inscription)
    with django_capture_on_commit_callbacks(execute=True):
        agenda.presence_marquer(inscription=inscription, present=False)
    assert not Attestation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_emissions_concurrentes_une_attestation_un_e_mail(contenu_formations, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lien = SessionModuleFactory()
    inscription = _inscrire(lien)
    Presence.objects.create(inscription=inscription, session=lien.session)  # sans signal utile
    Attestation.objects.all().delete()
    Envoi.objects.filter(genre=GENRE_ATTESTATION).delete()
    depart = threading.Barrier(4)
    resultats, erreurs = [], []

    def emettre():
        try:
            depart.wait()
            resultats.append(services.attestation_emettre(inscription=inscription)[1])
        except Exception as exc:  # pragma: no cover - affiché par l'assertion
            erreurs.append(exc)
        finally:
            connection.close()

    fils = [threading.Thread(target=emettre) for _ in range(4)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert erreurs == []
    assert sorted(resultats) == [False, False, False, True]
    assert Attestation.objects.count() == 1
    assert Envoi.objects.filter(genre=GENRE_ATTESTATION).count() == 1


def test_vues_admin_presences_par_cases_et_feuille_d_emargement(
    equipe, lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    a = _inscrire(lien, "a@exemple.org", "Alix Bernard")
    b = _inscrire(lien, "b@exemple.org", "Basile Petit")
    url = reverse("admin:formations_sessionmodule_presences", args=[lien.pk])
    page = equipe.get(url).content.decode()
    assert "Alix Bernard" in page and "Basile Petit" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert equipe.post(url, {"presents": ["\x00"]}).status_code == 400
        equipe.post(url, {"presents": [str(a.pk), "x", "99999999999999999999"]})
    assert dict(Presence.objects.values_list("inscription__nom", "present")) == {
        "Alix Bernard": True,
        "Basile Petit": False,
    }
    assert list(Attestation.objects.values_list("nom", flat=True)) == ["Alix Bernard"]
    assert "checked" in equipe.get(url).content.decode()
    pdf = equipe.get(reverse("admin:formations_sessionmodule_emargement", args=[lien.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    texte = _texte_pdf(pdf.content)
    assert "Feuille d" in texte and "Alix Bernard" in texte and "Basile Petit" in texte
    liste = equipe.get("/admin/formations/sessionmodule/").content.decode()
    assert "Noter les présences" in liste
    del b


def test_verification_publique_puis_revocation_en_admin(
    client, equipe, lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _present(_inscrire(lien), django_capture_on_commit_callbacks)
    attestation = Attestation.objects.get()
    client.logout()
    page = client.get(attestation.get_absolute_url())
    texte = page.content.decode()
    assert "Attestation valide" in texte and "Camille Durand" in texte
    assert "Diversifier ses ressources" in texte and "camille@exemple.org" not in texte
    assert client.get("/attestations/inconnu/").status_code == 404
    # Révoquer : d'abord le formulaire du motif, puis la révocation.
    admin = UtilisateurFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    donnees = {"action": "revoquer", "_selected_action": [attestation.pk]}
    formulaire = client.post("/admin/formations/attestation/", donnees)
    assert "Motif de la révocation" in formulaire.content.decode()
    client.post("/admin/formations/attestation/", {**donnees, "motif": "  "})
    attestation.refresh_from_db()
    assert attestation.valide  # motif vide refusé
    client.post("/admin/formations/attestation/", {**donnees, "motif": "Erreur de saisie"})
    attestation.refresh_from_db()
    assert not attestation.valide and attestation.motif_revocation == "Erreur de saisie"
    client.logout()
    texte = client.get(attestation.get_absolute_url()).content.decode()
    assert "Attestation révoquée" in texte and "Erreur de saisie" not in texte
    assert client.get(attestation.url_pdf).status_code == 410
    assert client.get(attestation.url_badge).status_code == 410
    del equipe


def test_badge_open_badges_signe_verifiable_avec_la_cle_publiee(
    client, lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _present(_inscrire(lien), django_capture_on_commit_callbacks)
    attestation = Attestation.objects.get()
    jeton = client.get(attestation.url_badge).content.decode()
    cles = client.get("/attestations/cles.json").json()["keys"]
    (jwk,) = cles
    charge = signature.verifier(jeton, jwk=jwk)
    entete = json.loads(signature.b64url_decoder(jeton.split(".")[0]))
    assert entete == {"alg": "EdDSA", "kid": jwk["kid"], "typ": "vc+jwt", "cty": "vc"}
    assert charge["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert charge["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert charge["credentialSubject"]["achievement"]["name"] == "Diversifier ses ressources"
    assert charge["id"].endswith(attestation.get_absolute_url())
    assert "camille@exemple.org" not in jeton and "camille@exemple.org" not in json.dumps(charge)
    emetteur = client.get("/attestations/emetteur.json").json()
    assert emetteur["publicKey"]["x"] == jwk["x"] and charge["issuer"]["id"] == emetteur["id"]
    # Un badge modifié (nom changé) ne passe plus la vérification.
    entete, corps, sig = jeton.split(".")
    falsifie = json.loads(signature.b64url_decoder(corps))
    falsifie["credentialSubject"]["name"] = "Quelqu'un d'autre"
    corps_falsifie = signature.b64url(json.dumps(falsifie).encode())
    with pytest.raises(signature.SignatureInvalide):
        signature.verifier(f"{entete}.{corps_falsifie}.{sig}", jwk=jwk)
    with pytest.raises(signature.SignatureInvalide):
        signature.verifier("pas.un.jeton", jwk=jwk)
    assert badges.credential(attestation)["credentialSubject"]["identifier"][0]["hashed"]


# --- Certificat d'aptitude ----------------------------------------------------------------------


def test_certificat_delivre_au_dernier_module_requis_une_seule_fois(
    client, lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    second = SessionModuleFactory(module__titre="Piloter les partenariats")
    certificat = Certificat.objects.create(titre="Certificat d'aptitude MSE", slug="cert")
    certificat.modules.set([lien.module, second.module])
    _present(_inscrire(lien), django_capture_on_commit_callbacks)
    assert not Attestation.objects.filter(nature="certificat").exists()
    mail.outbox.clear()
    _present(_inscrire(second, email="Camille@Exemple.org"), django_capture_on_commit_callbacks)
    delivre = Attestation.objects.get(nature="certificat")
    assert delivre.certificat == certificat and delivre.nom == "Camille Durand"
    assert sorted(m.subject for m in mail.outbox) == [
        "Votre attestation de présence : Piloter les partenariats",
        "Votre certificat d'aptitude : Certificat d'aptitude MSE",
    ]
    # Rejouer ne délivre rien de plus.
    assert services.certificats_verifier(email="camille@exemple.org") == []
    assert Envoi.objects.filter(genre=GENRE_CERTIFICAT).count() == 1
    page = client.get(delivre.get_absolute_url()).content.decode()
    assert "Certificat d&#x27;aptitude MSE" in page and "Piloter les partenariats" in page
    texte = _texte_pdf(client.get(delivre.url_pdf).getvalue())
    assert "Camille Durand" in texte and "Certificat d" in texte


def test_mon_espace_liste_mes_attestations(
    client, lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    personne = UtilisateurFactory(email="camille@exemple.org")
    _present(_inscrire(lien), django_capture_on_commit_callbacks)
    attestation = Attestation.objects.get()
    client.force_login(personne)
    page = client.get("/espace/").content.decode()
    assert "Mes attestations et certificats" in page
    assert attestation.url_pdf in page and attestation.url_badge in page


def test_page_du_format_et_recherche(client, lien):
    page = client.get("/formats/formations-aff/").content.decode()
    assert "Les modules de formation" in page and "Diversifier ses ressources" in page
    assert "Prochaines sessions" in page  # les sessions de l'agenda, liées au module
    assert lien.module.get_absolute_url() in page
    from ressources import recherche

    recherche.reindexer()
    page = client.get("/recherche/", {"q": "diversifier ressources"}).content.decode()
    assert lien.module.get_absolute_url() in page


def test_pages_publiques_en_cache_recalculees_quand_un_module_change(client, lien):
    lien.module.objectifs = "Diagnostiquer son modèle"
    lien.module.save()
    assert "Diversifier ses ressources" in client.get("/formations/").content.decode()
    assert "Diversifier ses ressources" in client.get("/formats/formations-aff/").content.decode()
    lien.module.titre = "Piloter son modèle"
    lien.module.save()
    for url in ("/formations/", "/formats/formations-aff/", lien.module.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Piloter son modèle" in page and "Diversifier ses ressources" not in page


def test_qr_code_vectoriel_dans_le_pdf(
    lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    from io import BytesIO

    from pypdf import PdfReader

    settings.MEDIA_ROOT = tmp_path
    _present(_inscrire(lien), django_capture_on_commit_callbacks)
    attestation = Attestation.objects.get()
    assert services.qr_svg("https://exemple.org/").startswith("data:image/svg+xml")
    (page,) = PdfReader(BytesIO(attestation.pdf.read())).pages
    assert list(page.images) == []  # le QR code est tracé en vecteurs, pas une image
    assert "Attestation de présence" in page.extract_text()


@pytest.mark.django_db(transaction=True)
def test_deux_modules_attestes_en_meme_temps_donnent_le_certificat(
    contenu_formations, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    liens = [SessionModuleFactory(), SessionModuleFactory()]
    certificat = Certificat.objects.create(titre="Certificat", slug="certificat")
    certificat.modules.set([lien.module for lien in liens])
    inscriptions = [_inscrire(lien) for lien in liens]
    for inscription in inscriptions:
        Presence.objects.create(inscription=inscription, session=inscription.session)
    Attestation.objects.all().delete()  # émises par le signal : on rejoue en concurrence
    Envoi.objects.filter(genre__startswith="formations.").delete()
    depart = threading.Barrier(2)
    erreurs = []

    def emettre(inscription):
        try:
            depart.wait()
            services.attestation_emettre(inscription=inscription)
        except Exception as exc:  # pragma: no cover - affiché par l'assertion
            erreurs.append(exc)
        finally:
            connection.close()

    fils = [threading.Thread(target=emettre, args=(i,)) for i in inscriptions]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert erreurs == []
    assert Attestation.objects.filter(nature="presence").count() == 2
    assert Attestation.objects.filter(nature="certificat").count() == 1
    assert Envoi.objects.filter(genre=GENRE_CERTIFICAT).count() == 1


def test_inscriptions_en_rafale_limitees(lien, django_capture_on_commit_callbacks):
    from html import unescape

    from django.test import Client

    client = Client(REMOTE_ADDR="203.0.113.9")
    lien.session.capacite = None
    lien.session.save()
    statuts = []
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(15):
            reponse = client.post(
                reverse("formations:inscrire", args=[lien.module.slug]),
                {
                    "session": lien.session_id,
                    "nom": "X",
                    "email": f"victime{i}@exemple.org",
                    "profil": "association",
                    "consentement": "on",
                },
            )
            statuts.append(reponse.status_code)
    assert statuts.count(302) == 10 and statuts.count(429) == 5
    assert len(mail.outbox) == 10
    assert "Trop de demandes" in unescape(reponse.content.decode())


def test_pdf_manquant_rendu_par_le_worker_jamais_dans_la_requete(
    lien, django_capture_on_commit_callbacks, settings, tmp_path, client
):
    """Un worker tué après l'émission laisse l'attestation sans PDF : le lien de
    téléchargement relance le rendu par Celery (ici « eager ») ; courtier injoignable, il
    répond « en préparation » (202) et le beat rattrape le PDF."""
    settings.MEDIA_ROOT = tmp_path
    inscription = _inscrire(lien)
    _present(inscription, django_capture_on_commit_callbacks)
    attestation = Attestation.objects.get()
    Attestation.objects.filter(pk=attestation.pk).update(pdf="")

    reponse = client.get(attestation.url_pdf)
    assert reponse["Content-Type"] == "application/pdf"  # rendu par la tâche (eager)

    Attestation.objects.filter(pk=attestation.pk).update(pdf="")
    from rameau.celery import app

    eager, courtier = app.conf.CELERY_TASK_ALWAYS_EAGER, app.conf.broker_url
    app.conf.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # personne n'écoute ici
    try:
        reponse = client.get(attestation.url_pdf)
    finally:
        app.conf.CELERY_TASK_ALWAYS_EAGER, app.conf.broker_url = eager, courtier
    assert reponse.status_code == 202
    assert "Attestation en préparation" in reponse.content.decode()
    assert services.attestations_rattraper() == {"pdf_attestations": 1}
    assert Attestation.objects.get().pdf
