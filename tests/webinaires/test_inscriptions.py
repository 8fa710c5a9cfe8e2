from datetime import timedelta
from email import message_from_bytes

import pytest
from django.core import mail
from icalendar import Calendar

from agenda import services
from agenda.models import Inscription
from programme.models import Partenaire

pytestmark = pytest.mark.django_db

FORMULAIRE = {
    "nom": "Camille Martin",
    "email": "camille@exemple.org",
    "organisation": "Les Jardins partagés",
    "profil": "association",
    "consentement": "on",
}


def _inscrire(email, webinaire):
    return services.inscription_creer(
        session=webinaire.session, nom=email.split("@")[0], email=email
    )


def test_inscription_sans_compte_envoie_une_confirmation_avec_ics_et_lien_d_annulation(
    client, webinaire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(f"/webinaires/{webinaire.slug}/inscrire/", FORMULAIRE, follow=True)
    assert "Votre inscription est confirmée" in reponse.content.decode()
    inscription = Inscription.objects.get()
    assert inscription.statut == "confirmee"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@exemple.org"]
    assert "Inscription confirmée" in message.subject
    assert f"/agenda/inscription/{inscription.jeton}/" in message.body
    assert message.alternatives[0][1] == "text/html"
    nom, contenu, type_mime = message.attachments[0]
    assert (nom, type_mime) == ("webinaire.ics", "text/calendar")
    evenement = Calendar.from_ical(contenu).walk("VEVENT")[0]
    assert str(evenement["ORGANIZER"]).startswith("mailto:")
    assert evenement.walk("VALARM")
    assert "https://visio.exemple.org/salle" in str(evenement["DESCRIPTION"])
    # Le message passe réellement en MIME (texte, HTML, pièce jointe).
    brut = message_from_bytes(message.message().as_bytes())
    assert {p.get_content_type() for p in brut.walk()} >= {
        "text/plain",
        "text/html",
        "text/calendar",
    }


def test_inscription_en_double_donne_une_seule_inscription_et_un_message_aimable(client, webinaire):
    client.post(f"/webinaires/{webinaire.slug}/inscrire/", FORMULAIRE)
    doublon = {**FORMULAIRE, "email": "CAMILLE@exemple.org"}
    reponse = client.post(f"/webinaires/{webinaire.slug}/inscrire/", doublon, follow=True)
    assert "déjà inscrit·e" in reponse.content.decode()
    assert Inscription.objects.count() == 1


def test_inscription_refusee_pour_un_webinaire_passe(client, fabrique_webinaire):
    passe = fabrique_webinaire(dans=timedelta(days=-3))
    reponse = client.post(f"/webinaires/{passe.slug}/inscrire/", FORMULAIRE)
    assert "déjà eu lieu" in reponse.content.decode()
    assert not Inscription.objects.exists()
    with pytest.raises(services.InscriptionImpossible):
        _inscrire("x@exemple.org", passe)


def test_formulaire_invalide_garde_la_saisie_et_explique_en_francais(client, webinaire):
    reponse = client.post(
        f"/webinaires/{webinaire.slug}/inscrire/", {**FORMULAIRE, "email": "pas-une-adresse"}
    )
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Saisissez une adresse e-mail valide" in html
    assert 'value="Camille Martin"' in html
    assert not Inscription.objects.exists()
    reponse = client.post(
        f"/webinaires/{webinaire.slug}/inscrire/", {**FORMULAIRE, "consentement": ""}
    )
    assert "Votre accord est nécessaire" in reponse.content.decode()


def test_annulation_par_le_lien_personnel_deja_envoye(client, webinaire):
    """Les e-mails envoyés avant l'agenda portent ``/webinaires/inscription/<jeton>/``."""
    inscription = _inscrire("a@exemple.org", webinaire).inscription
    page = client.get(f"/webinaires/inscription/{inscription.jeton}/")
    assert "Annuler mon inscription" in page.content.decode()
    reponse = client.post(f"/webinaires/inscription/{inscription.jeton}/", follow=True)
    assert "Votre inscription est annulée" in reponse.content.decode()
    inscription.refresh_from_db()
    assert inscription.statut == "annulee"


def test_inscription_en_un_clic_pour_une_personne_connectee(client, webinaire):
    from tests.factories import UtilisateurFactory

    personne = UtilisateurFactory(email="membre@exemple.org", nom="Membre Connecté")
    client.force_login(personne)
    page = client.get(webinaire.get_absolute_url())
    assert "inscrire en un clic (membre@exemple.org)" in page.content.decode()
    client.post(f"/webinaires/{webinaire.slug}/inscrire/", {"un_clic": "1"})
    inscription = Inscription.objects.get()
    assert (inscription.email, inscription.utilisateur) == ("membre@exemple.org", personne)
    espace = client.get("/espace/")
    assert webinaire.titre in espace.content.decode()


def test_inscription_via_un_relais_est_attribuee_au_partenaire(client, webinaire):
    Partenaire.objects.update_or_create(code="isbl", defaults={"nom": "ISBL"})
    page = client.get(f"{webinaire.get_absolute_url()}?relais=isbl")
    assert 'name="relais" value="isbl"' in page.content.decode()
    client.post(f"/webinaires/{webinaire.slug}/inscrire/", {**FORMULAIRE, "relais": "isbl"})
    assert Inscription.objects.get().relais.code == "isbl"


def test_inscription_htmx_renvoie_le_fragment(client, webinaire):
    reponse = client.post(
        f"/webinaires/{webinaire.slug}/inscrire/", FORMULAIRE, headers={"HX-Request": "true"}
    )
    html = reponse.content.decode()
    assert 'id="bloc-inscription"' in html and "<html" not in html
    assert "Votre inscription est confirmée" in html


def test_inscription_sans_redis_ni_worker_confirmation_envoyee_par_le_beat(
    client, webinaire, django_capture_on_commit_callbacks
):
    """Le courtier est injoignable : l'inscription est enregistrée, la personne voit sa page
    (pas une erreur 500) et la confirmation part au passage suivant du beat."""
    from envois import services as envois
    from rameau.celery import app

    eager, broker = app.conf.CELERY_TASK_ALWAYS_EAGER, app.conf.broker_url
    app.conf.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # personne n'écoute ici
    try:
        with django_capture_on_commit_callbacks(execute=True):
            reponse = client.post(
                f"/webinaires/{webinaire.slug}/inscrire/", FORMULAIRE, follow=True
            )
    finally:
        app.conf.CELERY_TASK_ALWAYS_EAGER, app.conf.broker_url = eager, broker
    assert reponse.status_code == 200
    assert "Votre inscription est confirmée" in reponse.content.decode()
    assert mail.outbox == []
    assert envois.traiter()["envoyes"] == 1
    assert mail.outbox[0].subject.startswith("Inscription confirmée")


def test_inscription_htmx_invalide_renvoie_le_formulaire_avec_l_erreur(client, webinaire):
    reponse = client.post(
        f"/webinaires/{webinaire.slug}/inscrire/",
        {**FORMULAIRE, "email": "faux"},
        headers={"HX-Request": "true"},
    )
    html = reponse.content.decode()
    assert reponse.status_code == 200  # htmx n'échange pas le contenu d'une réponse 4xx
    assert "Saisissez une adresse e-mail valide" in html and 'value="Camille Martin"' in html
