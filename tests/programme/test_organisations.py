from html import unescape

import pytest
from django.core import mail

from programme.enums import RoleMembre
from programme.models import Invitation, Membre, Organisation
from tests.factories import MembreFactory, OrganisationFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db

DONNEES = {
    "nom": "Les Amis du Jardin",
    "type_acteur": "association",
    "domaine_activite": "quartier",
    "departement": "94",
    "tranche_budget": "10k_50k",
    "nb_salaries": "1",
    "nb_benevoles": "30",
    "rna": "w941234567",
    "siren": "",
}


def test_creer_une_organisation_en_fait_l_administrateur(client):
    personne = UtilisateurFactory()
    client.force_login(personne)
    reponse = client.post("/espace/organisations/nouvelle/", DONNEES)
    organisation = Organisation.objects.get(nom="Les Amis du Jardin")
    assert reponse["Location"] == organisation.get_absolute_url()
    assert organisation.rna == "W941234567"
    assert Membre.objects.get(organisation=organisation).role == RoleMembre.ADMINISTRATEUR
    html = unescape(client.get("/espace/").content.decode())
    assert "Les Amis du Jardin" in html


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("rna", "12345", "Le numéro RNA s'écrit W suivi de 9 chiffres"),
        ("siren", "123456789", "Ce SIREN n'est pas valide"),
        ("siren", "12345", "Le SIREN compte exactement 9 chiffres"),
        ("departement", "99", "Indiquez un numéro de département"),
        ("nb_benevoles", "-3", "supérieure ou égale à 0"),
    ],
)
def test_identifiants_invalides_message_sur_le_champ(client, champ, valeur, message):
    client.force_login(UtilisateurFactory())
    reponse = client.post("/espace/organisations/nouvelle/", {**DONNEES, champ: valeur})
    html = unescape(reponse.content.decode())
    assert reponse.status_code == 200
    assert message in html
    assert 'value="Les Amis du Jardin"' in html  # rien de valide n'est perdu
    assert not Organisation.objects.exists()


def test_siren_valide_accepte(client):
    client.force_login(UtilisateurFactory())
    client.post("/espace/organisations/nouvelle/", {**DONNEES, "siren": "732 829 320"})
    assert Organisation.objects.get().siren == "732829320"


def test_l_administrateur_invite_et_l_invite_rejoint(client, django_capture_on_commit_callbacks):
    admin = MembreFactory(role=RoleMembre.ADMINISTRATEUR)
    organisation = admin.organisation
    client.force_login(admin.utilisateur)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            organisation.get_absolute_url(), {"email": "Invitee@Exemple.org", "role": "membre"}
        )
    assert reponse.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    invitation = Invitation.objects.get()
    assert invitation.get_absolute_url() in message.body
    assert organisation.nom in message.subject
    assert message.alternatives  # partie HTML

    # Une seconde invitation à la même adresse est refusée avec un message clair.
    reponse = client.post(
        organisation.get_absolute_url(), {"email": "invitee@exemple.org", "role": "membre"}
    )
    assert "Une invitation est déjà en attente" in unescape(reponse.content.decode())

    invitee = UtilisateurFactory(email="invitee@exemple.org")
    client.force_login(invitee)
    assert "Rejoindre" in unescape(client.get("/espace/").content.decode())
    reponse = client.post(invitation.get_absolute_url())
    assert reponse["Location"] == organisation.get_absolute_url()
    assert Membre.objects.get(utilisateur=invitee).role == RoleMembre.MEMBRE


def test_invitation_acceptee_par_une_autre_adresse_refusee(client):
    admin = MembreFactory(role=RoleMembre.ADMINISTRATEUR)
    invitation = Invitation.objects.create(
        organisation=admin.organisation, email="prevue@exemple.org", invitee_par=admin.utilisateur
    )
    client.force_login(UtilisateurFactory(email="autre@exemple.org"))
    reponse = client.post(invitation.get_absolute_url(), follow=True)
    assert "Cette invitation a été envoyée à prevue@exemple.org" in unescape(
        reponse.content.decode()
    )
    assert not Membre.objects.filter(utilisateur__email="autre@exemple.org").exists()


def test_jeton_d_invitation_inconnu_404(client):
    assert client.get("/invitations/inexistant/").status_code == 404


def test_un_membre_simple_ne_peut_pas_inviter(client):
    membre = MembreFactory(role=RoleMembre.MEMBRE)
    client.force_login(membre.utilisateur)
    url = membre.organisation.get_absolute_url()
    html = unescape(client.get(url).content.decode())
    assert "Inviter une personne" not in html
    assert client.post(url, {"email": "x@exemple.org", "role": "membre"}).status_code == 403
    assert not Invitation.objects.exists()


def test_organisation_d_un_autre_introuvable(client):
    autre = OrganisationFactory()
    client.force_login(UtilisateurFactory())
    assert client.get(autre.get_absolute_url()).status_code == 404


def test_courriel_d_invitation_envoye_une_seule_fois(django_capture_on_commit_callbacks):
    from envois import services as envois
    from envois.models import Envoi
    from programme import services

    admin = MembreFactory(role=RoleMembre.ADMINISTRATEUR)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_envoyer(
            organisation=admin.organisation,
            par=admin.utilisateur,
            email="x@exemple.org",
            role=RoleMembre.MEMBRE,
        )
    assert len(mail.outbox) == 1
    envoi = Envoi.objects.get(genre="programme.invitation")
    assert envoi.statut == "envoye"
    # Une nouvelle tentative de la tâche (ou une tâche en double), un beat : rien de plus.
    assert envois.envoyer_un(envoi_id=envoi.pk) == 0
    assert envois.traiter()["envoyes"] == 0
    assert len(mail.outbox) == 1


def test_invitation_enregistree_meme_sans_file_d_attente(
    client, settings, django_capture_on_commit_callbacks
):
    """Redis injoignable au moment de l'invitation : la page répond, l'e-mail attend en base
    et part au passage suivant du beat."""
    from envois import services as envois
    from rameau.celery import app

    admin = MembreFactory(role=RoleMembre.ADMINISTRATEUR)
    client.force_login(admin.utilisateur)
    eager = app.conf.CELERY_TASK_ALWAYS_EAGER
    broker = app.conf.broker_url
    app.conf.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # personne n'écoute ici
    app.conf.broker_connection_retry = False
    app.conf.broker_connection_max_retries = 0
    try:
        with django_capture_on_commit_callbacks(execute=True):
            reponse = client.post(
                admin.organisation.get_absolute_url(),
                {"email": "invitee@exemple.org", "role": "membre"},
            )
    finally:
        app.conf.CELERY_TASK_ALWAYS_EAGER = eager
        app.conf.broker_url = broker
    assert reponse.status_code == 302
    assert mail.outbox == []
    assert envois.traiter()["envoyes"] == 1
    assert mail.outbox[0].to == ["invitee@exemple.org"]
