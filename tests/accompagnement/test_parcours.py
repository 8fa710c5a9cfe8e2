"""Un parcours se réserve en entier : toutes ses étapes ou aucune, même sous la concurrence."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from icalendar import Calendar

from agenda import selectors, services
from agenda.models import Inscription
from envois import services as envois
from tests.factories import SessionFactory


def _inscrire(email, session):
    return services.inscription_creer(session=session, nom="Camille", email=email)


@pytest.mark.django_db(transaction=True)
def test_cinquante_reservations_concurrentes_pour_dix_places(contenu_programme):
    parent = SessionFactory(slug_format="parcours", capacite=30, dans=timedelta(days=20))
    etapes = [
        SessionFactory(slug_format="parcours", parent=parent, ordre=i, dans=timedelta(days=d))
        for i, d in enumerate((20, 40, 60), start=1)
    ]
    for n in range(20):  # 20 places déjà prises : il en reste 10
        _inscrire(f"deja{n}@exemple.org", parent)

    def reserver(n):
        try:
            return _inscrire(f"p{n}@exemple.org", parent).inscription.statut
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuts = list(pool.map(reserver, range(50)))

    assert statuts.count("confirmee") == 10
    assert statuts.count("attente") == 40
    nouvelles = Inscription.objects.filter(email__startswith="p")
    complets = attente = partiels = 0
    for inscription in nouvelles.filter(session=parent):
        aux_etapes = list(nouvelles.filter(session__parent=parent, email=inscription.email))
        if len(aux_etapes) != 3 or {i.statut for i in aux_etapes} != {inscription.statut}:
            partiels += 1
        elif inscription.statut == "confirmee":
            complets += 1
        else:
            attente += 1
    assert (complets, attente, partiels) == (10, 40, 0)
    assert nouvelles.count() == 50 * 4
    for etape in etapes:
        assert etape.inscriptions.filter(statut="confirmee").count() == 30


def test_une_etape_seule_ne_se_reserve_pas(parcours):
    etape = parcours.etapes.first()
    with pytest.raises(services.InscriptionImpossible, match="parcours entier"):
        _inscrire("a@exemple.org", etape)
    assert not Inscription.objects.exists()


def test_annuler_libere_le_parcours_entier_et_promeut_le_suivant(
    parcours, django_capture_on_commit_callbacks
):
    parcours.capacite = 1
    parcours.save()
    with django_capture_on_commit_callbacks(execute=True):
        premiere = _inscrire("a@exemple.org", parcours).inscription
        seconde = _inscrire("b@exemple.org", parcours).inscription
    assert seconde.statut == "attente"
    assert set(
        Inscription.objects.filter(email="b@exemple.org").values_list("statut", flat=True)
    ) == {"attente"}
    mail.outbox.clear()
    # Annulée depuis le lien d'une étape : c'est tout le parcours qui se libère.
    lien_etape = Inscription.objects.get(email="a@exemple.org", session__ordre=2).jeton
    with django_capture_on_commit_callbacks(execute=True):
        services.inscription_annuler(jeton=lien_etape)
    assert set(
        Inscription.objects.filter(email="a@exemple.org").values_list("statut", flat=True)
    ) == {"annulee"}
    assert set(
        Inscription.objects.filter(email="b@exemple.org").values_list("statut", flat=True)
    ) == {"confirmee"}
    envois.traiter()
    # La personne promue est prévenue aussitôt, par un seul e-mail pour tout le parcours.
    assert [m.to for m in mail.outbox] == [["b@exemple.org"]]
    assert mail.outbox[0].subject.startswith("Inscription confirmée")
    premiere.refresh_from_db()
    assert premiere.statut == "annulee"


def test_confirmation_unique_avec_un_vevent_par_etape(parcours, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _inscrire("a@exemple.org", parcours)
    envois.traiter()
    (message,) = mail.outbox
    ((nom, contenu, type_mime),) = message.attachments
    assert (nom, type_mime) == ("parcours.ics", "text/calendar")
    assert "1. Cadrage" in message.body and "3. Bilan et appropriation" in message.body
    evenements = Calendar.from_ical(contenu).walk("VEVENT")
    assert [str(e["summary"]).split("— ")[-1] for e in evenements] == [
        "Cadrage",
        "Méthode et application",
        "Bilan et appropriation",
    ]


def test_ics_de_la_cohorte_un_vevent_par_etape(client, parcours):
    reponse = client.get(f"/agenda/sessions/{parcours.pk}.ics")
    assert len(Calendar.from_ical(reponse.content).walk("VEVENT")) == 3


def test_progression_sur_le_lien_personnel(client, parcours):
    inscription = _inscrire("a@exemple.org", parcours).inscription
    cadrage = parcours.etapes.get(ordre=1)
    cadrage.debut -= timedelta(days=40)
    cadrage.fin -= timedelta(days=40)
    cadrage.save()
    services.presence_marquer(inscription=inscription, session=cadrage)
    lignes = selectors.parcours_progression(inscription=inscription)
    assert [ligne["etat"] for ligne in lignes] == ["suivie", "a_venir", "a_venir"]
    page = client.get(inscription.get_absolute_url()).content.decode()
    assert "Ma progression dans le parcours" in page
    assert "suivie" in page and "à venir" in page


def test_atelier_complet_premier_en_attente_promu_et_prevenu(
    db, django_capture_on_commit_callbacks, contenu_programme
):
    atelier = SessionFactory(capacite=1)
    with django_capture_on_commit_callbacks(execute=True):
        occupe = _inscrire("a@exemple.org", atelier).inscription
        _inscrire("b@exemple.org", atelier)
        _inscrire("c@exemple.org", atelier)
    envois.traiter()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.inscription_annuler(jeton=occupe.jeton)
    # Prévenue aussitôt : l'e-mail part dès la validation, le beat n'a plus rien à faire.
    assert len(mail.outbox) == 1
    assert envois.traiter()["envoyes"] == 0
    statuts = dict(Inscription.objects.values_list("email", "statut"))
    assert statuts == {
        "a@exemple.org": "annulee",
        "b@exemple.org": "confirmee",
        "c@exemple.org": "attente",
    }
    (message,) = mail.outbox
    assert message.to == ["b@exemple.org"] and message.subject.startswith("Inscription confirmée")
    assert message.attachments  # le .ics de l'atelier


def test_presence_notee_sur_l_inscription_de_l_etape_compte_aussi(client, parcours):
    """L'équipe note la présence depuis la liste des inscrits d'une étape (l'inscription à
    l'étape) : la progression la compte."""
    inscription = _inscrire("a@exemple.org", parcours).inscription
    cadrage = parcours.etapes.get(ordre=1)
    a_l_etape = Inscription.objects.get(session=cadrage, email="a@exemple.org")
    services.presence_marquer(inscription=a_l_etape, present=False)
    lignes = selectors.parcours_progression(inscription=inscription)
    assert [ligne["etat"] for ligne in lignes] == ["absente", "a_venir", "a_venir"]


def test_flux_personnel_un_vevent_par_etape_sans_la_session_parente(client, parcours):
    inscription = _inscrire("a@exemple.org", parcours).inscription
    reponse = client.get(f"/agenda/inscrit/{inscription.jeton}.ics")
    titres = [str(e["summary"]) for e in Calendar.from_ical(reponse.content).walk("VEVENT")]
    assert len(titres) == 3 and not any("Piloter la transformation" in t for t in titres)


def test_reinscription_apres_annulation_reprend_toutes_les_etapes(parcours):
    inscription = _inscrire("a@exemple.org", parcours).inscription
    services.inscription_annuler(jeton=inscription.jeton)
    assert _inscrire("a@exemple.org", parcours).nouvelle
    statuts = Inscription.objects.filter(email="a@exemple.org").values_list("statut", flat=True)
    assert list(statuts) == ["confirmee"] * 4


def test_etape_ajoutee_apres_coup_completee_depuis_l_administration(client, parcours):
    from tests.factories import UtilisateurFactory

    _inscrire("a@exemple.org", parcours)
    _inscrire("b@exemple.org", parcours)
    services.inscription_annuler(
        jeton=Inscription.objects.get(session=parcours, email="b@exemple.org").jeton
    )
    suivi = SessionFactory(
        slug_format="parcours", parent=parcours, ordre=4, titre="Suivi", dans=timedelta(days=95)
    )
    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    reponse = client.post(
        "/admin/agenda/session/",
        {"action": "completer_etapes", "_selected_action": [parcours.pk]},
        follow=True,
    )
    assert "4 inscriptions aux étapes créées ou mises à jour." in reponse.content.decode()
    assert list(suivi.inscriptions.values_list("email", "statut")) == [
        ("a@exemple.org", "confirmee")
    ]
