"""Inscriptions aux sessions de tous les formats : places comptées sous verrou, liste
d'attente, doublon, annulation, promotion, confirmation envoyée une fois par état."""

from datetime import timedelta

import pytest
from django.core import mail

from agenda import services
from agenda.models import Inscription, Presence
from tests.factories import InscriptionFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _inscrire(email, session):
    return services.inscription_creer(session=session, nom=email.split("@")[0], email=email)


def test_liste_d_attente_puis_promotion_a_l_annulation(session, django_capture_on_commit_callbacks):
    session.capacite = 2
    session.save()
    a, b = _inscrire("a@exemple.org", session), _inscrire("b@exemple.org", session)
    c, d = _inscrire("c@exemple.org", session), _inscrire("d@exemple.org", session)
    assert [r.inscription.statut for r in (a, b, c, d)] == [
        "confirmee",
        "confirmee",
        "attente",
        "attente",
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.inscription_annuler(jeton=a.inscription.jeton)
    statuts = dict(Inscription.objects.values_list("email", "statut"))
    assert statuts == {
        "a@exemple.org": "annulee",
        "b@exemple.org": "confirmee",
        "c@exemple.org": "confirmee",
        "d@exemple.org": "attente",
    }
    assert [m.to for m in mail.outbox] == [["c@exemple.org"]]
    assert "Inscription confirmée" in mail.outbox[0].subject
    # Annuler deux fois ne promeut personne de plus.
    services.inscription_annuler(jeton=a.inscription.jeton)
    assert Inscription.objects.filter(statut="confirmee").count() == 2


def test_session_sans_capacite_n_a_pas_de_liste_d_attente(db):
    session = SessionFactory(capacite=None)
    statuts = {_inscrire(f"p{n}@exemple.org", session).inscription.statut for n in range(5)}
    assert statuts == {"confirmee"}


def test_doublon_renvoie_la_meme_inscription(session):
    premiere = _inscrire("a@exemple.org", session)
    seconde = _inscrire("A@exemple.org ", session)
    assert premiere.nouvelle and not seconde.nouvelle
    assert seconde.inscription.pk == premiere.inscription.pk
    assert Inscription.objects.count() == 1


def test_session_passee_annulee_ou_brouillon_refuse(db):
    for statut, dans, message in [
        ("publie", timedelta(days=-1), "déjà eu lieu"),
        ("annule", timedelta(days=3), "pas ouverte"),
        ("brouillon", timedelta(days=3), "pas ouverte"),
    ]:
        session = SessionFactory(statut=statut, dans=dans)
        with pytest.raises(services.InscriptionImpossible, match=message):
            _inscrire("x@exemple.org", session)
    assert not Inscription.objects.exists()


def test_reinscription_apres_annulation_reactive_la_meme_ligne(session):
    premiere = _inscrire("a@exemple.org", session).inscription
    services.inscription_annuler(jeton=premiere.jeton)
    seconde = _inscrire("a@exemple.org", session)
    assert seconde.nouvelle and seconde.inscription.pk == premiere.pk
    assert seconde.inscription.statut == "confirmee"


@pytest.mark.django_db(transaction=True)
def test_inscriptions_concurrentes_ne_depassent_pas_la_capacite(contenu_programme):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    session = SessionFactory(capacite=5)

    def inscrire(n):
        try:
            return _inscrire(f"p{n}@exemple.org", session).inscription.statut
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuts = list(pool.map(inscrire, range(20)))
    assert statuts.count("confirmee") == 5
    assert Inscription.objects.filter(statut="confirmee").count() == 5
    assert Inscription.objects.filter(statut="attente").count() == 15


def test_confirmation_envoyee_une_fois_par_statut(session, django_capture_on_commit_callbacks):
    from envois import services as envois
    from envois.models import Envoi

    session.capacite = 0
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        _inscrire("a@exemple.org", session)
        _inscrire("a@exemple.org", session)  # double clic
    envoi = Envoi.objects.get()
    assert envoi.genre == "agenda.attente"
    assert envois.envoyer_un(envoi_id=envoi.pk) == 0  # une reprise de la tâche
    assert envois.traiter()["envoyes"] == 0  # le beat
    assert [m.subject.split(" :")[0] for m in mail.outbox] == ["Liste d'attente"]
    assert not mail.outbox[0].attachments
    session.capacite = 1
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.liste_attente_promouvoir(session=session)
    assert envois.traiter()["envoyes"] == 0
    assert [m.subject.split(" :")[0] for m in mail.outbox] == [
        "Liste d'attente",
        "Inscription confirmée",
    ]
    confirmation = mail.outbox[1]
    assert session.lieu in confirmation.body
    ((nom, _contenu, type_mime),) = confirmation.attachments
    assert (nom, type_mime) == ("atelier.ics", "text/calendar")
    assert f"/agenda/inscription/{Inscription.objects.get().jeton}/" in confirmation.body


def test_page_du_lien_personnel_annule_et_propose_l_agenda(client, session):
    inscription = _inscrire("a@exemple.org", session).inscription
    page = client.get(f"/agenda/inscription/{inscription.jeton}/").content.decode()
    assert "Diversifier ses ressources" in page
    assert f"/agenda/sessions/{session.pk}.ics" in page
    assert f"/agenda/inscrit/{inscription.jeton}.ics" in page
    reponse = client.post(f"/agenda/inscription/{inscription.jeton}/", follow=True)
    assert "Votre inscription est annulée" in reponse.content.decode()
    inscription.refresh_from_db()
    assert inscription.statut == "annulee"
    assert client.get("/agenda/inscription/jeton-inconnu/").status_code == 404


def test_presence_notee_une_fois_par_inscription_et_etape(db):
    parcours = SessionFactory(slug_format="parcours", titre="Parcours", capacite=10)
    etape = SessionFactory(slug_format="parcours", titre="Étape 1", parent=parcours, ordre=1)
    autre = SessionFactory(titre="Ailleurs")
    inscription = InscriptionFactory(session=parcours)
    services.presence_marquer(inscription=inscription, session=etape)
    services.presence_marquer(inscription=inscription, session=etape, present=False)
    services.presence_marquer(inscription=inscription)
    assert sorted(Presence.objects.values_list("session__titre", "present")) == [
        ("Parcours", True),
        ("Étape 1", False),
    ]
    with pytest.raises(ValueError, match="ni celle de l'inscription"):
        services.presence_marquer(inscription=inscription, session=autre)


@pytest.mark.parametrize("nombre", [1, 3])
def test_mes_inscriptions_dans_mon_espace_nombre_de_requetes_constant(
    client, django_assert_num_queries, nombre
):
    from tests.factories import UtilisateurFactory, WebinaireFactory

    personne = UtilisateurFactory(email="moi@exemple.org")
    for i in range(nombre):
        InscriptionFactory(
            session=SessionFactory(titre=f"Atelier {i}"), email=personne.email, utilisateur=personne
        )
        webinaire = WebinaireFactory(titre=f"Webinaire {i}")
        InscriptionFactory(session=webinaire.session, email=personne.email, utilisateur=personne)
    client.force_login(personne)
    # + 1 « Mes attestations et certificats » (formations), + 1 « Mes parcours »
    # (accompagnement), + 1 diagnostics à rattacher (autodiagnostic).
    with django_assert_num_queries(9):
        html = client.get("/espace/").content.decode()
    assert html.count("/agenda/inscription/") == 2 * nombre
    assert f'href="{webinaire.get_absolute_url()}"' in html
    assert "/accompagnement/ateliers/" in html


@pytest.mark.parametrize("nombre", [1, 3])
def test_liste_des_inscriptions_en_administration_nombre_de_requetes_constant(
    equipe, django_assert_num_queries, nombre
):
    for _ in range(nombre):
        InscriptionFactory()
    with django_assert_num_queries(8):  # dont le second facteur de l'équipe (rameau.mfa)
        html = equipe.get("/admin/agenda/inscription/").content.decode()
    assert html.count('class="field-email"') == nombre
