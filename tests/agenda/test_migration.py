"""Une base remplie par la version précédente (webinaires avec leurs inscriptions, sessions
des formats, abonnements, envois) migre vers l'agenda sans rien perdre : mêmes nombres, mêmes
clés et jetons, et les liens personnels déjà envoyés fonctionnent toujours."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

AVANT = [
    ("programme", "0006_invitation_envoi_dans_la_boite"),
    ("webinaires", "0006_abonnements_et_envois_dans_envois"),
    ("envois", "0002_listes_et_reprise_des_webinaires"),
    ("agenda", None),
]


def _migrer(cibles):
    executor = MigrationExecutor(connection)
    executor.migrate(cibles)
    executor.loader.build_graph()
    return executor.loader.project_state([c for c in cibles if c[1]]).apps


@pytest.fixture
def ancienne_base(contenu_programme):
    """Le schéma d'avant l'agenda ; remis à jour ensuite, même si le test échoue."""
    apps = _migrer(AVANT)
    yield apps
    _migrer(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _remplir_l_ancienne_base(apps) -> dict:
    """Ce qu'aurait laissé la version précédente, écrit avec ses modèles d'alors."""
    Format = apps.get_model("programme", "Format")
    SessionFormat = apps.get_model("programme", "SessionFormat")
    Cycle = apps.get_model("webinaires", "Cycle")
    Webinaire = apps.get_model("webinaires", "Webinaire")
    Inscription = apps.get_model("webinaires", "Inscription")
    Liste = apps.get_model("envois", "Liste")
    Abonnement = apps.get_model("envois", "Abonnement")
    Envoi = apps.get_model("envois", "Envoi")
    Organisation = apps.get_model("programme", "Organisation")

    Organisation.objects.create(
        nom="Labo", type_acteur="recherche", domaine_activite="recherche", departement="75"
    )
    maintenant = timezone.now().replace(microsecond=0)
    cycle = Cycle.objects.create(
        titre="Cycle 2026–2027", slug="cycle", debut="2026-10-01", fin="2027-10-01"
    )
    prochain = Webinaire.objects.create(
        cycle=cycle,
        mois="2031-01-01",
        slug="hybrider",
        titre="Hybrider ses ressources",
        debut=maintenant + timedelta(days=10),
        fin=maintenant + timedelta(days=10, minutes=90),
        capacite=2,
        lien_connexion="https://visio.exemple.org/salle",
        version=3,
    )
    annule = Webinaire.objects.create(
        cycle=cycle,
        mois="2031-02-01",
        slug="annule",
        titre="Webinaire annulé",
        debut=maintenant + timedelta(days=40),
        fin=maintenant + timedelta(days=40, minutes=90),
        statut="annule",
        annule_le=maintenant,
        version=2,
    )
    inscriptions = [
        Inscription.objects.create(
            webinaire=prochain,
            nom=nom,
            email=f"{nom}@exemple.org",
            statut=statut,
            profil="tete_de_reseau",
            confirmee_le=maintenant if statut == "confirmee" else None,
        )
        for nom, statut in [("alice", "confirmee"), ("bob", "confirmee"), ("chloe", "attente")]
    ]
    Inscription.objects.create(webinaire=annule, nom="dan", email="dan@exemple.org")
    ateliers = Format.objects.get(slug="ateliers")
    SessionFormat.objects.create(
        format=ateliers,
        titre="Atelier publié",
        debut=maintenant + timedelta(days=5),
        fin=maintenant + timedelta(days=5, hours=3),
        lieu="Paris",
        lien_inscription="https://exemple.org/inscription",
    )
    SessionFormat.objects.create(
        format=ateliers,
        titre="Atelier en préparation",
        debut=maintenant + timedelta(days=50),
        fin=maintenant + timedelta(days=50, hours=3),
        lieu="Lyon",
        publiee=False,
    )
    abonnement = Abonnement.objects.create(
        # Créée par la migration d'envois (vidée par un test transactionnel précédent).
        liste=Liste.objects.get_or_create(
            code="annonces-du-cycle", defaults={"nom": "Annonces des webinaires"}
        )[0],
        email="abonnee@exemple.org",
        statut="confirme",
        confirme_le=maintenant,
    )
    alice = inscriptions[0]
    Envoi.objects.create(
        genre="webinaires.confirmation",
        email=alice.email,
        objet_id=alice.pk,
        source_id=alice.pk,
        du_le=alice.confirmee_le,
        statut="envoye",
        envoye_le=maintenant,
    )
    Envoi.objects.create(
        genre="webinaires.attente",
        email="chloe@exemple.org",
        objet_id=inscriptions[2].pk,
        source_id=inscriptions[2].pk,
        du_le=inscriptions[2].cree_le,
        statut="a_envoyer",
    )
    Envoi.objects.create(
        genre="webinaires.annonce",
        email=abonnement.email,
        objet_id=prochain.pk,
        source_id=abonnement.pk,
        du_le=maintenant - timedelta(days=1),
        statut="envoye",
    )
    return {
        "webinaires": {w.pk: (w.titre, w.debut, w.statut, w.version) for w in (prochain, annule)},
        "modifie_le": Webinaire.objects.get(pk=prochain.pk).modifie_le,
        "inscriptions": dict(Inscription.objects.values_list("pk", "jeton")),
        "prochain": prochain.pk,
        "alice": alice.jeton,
        "abonnement": abonnement.jeton,
        "envois": Envoi.objects.count(),
    }


@pytest.mark.django_db(transaction=True)
def test_base_de_la_version_precedente_migre_sans_perte(client, ancienne_base):
    from agenda import services
    from agenda.models import Inscription, Session
    from envois import services as envois
    from envois.models import Abonnement, Envoi
    from programme.models import Organisation
    from webinaires.models import Webinaire

    avant = _remplir_l_ancienne_base(ancienne_base)
    _migrer(MigrationExecutor(connection).loader.graph.leaf_nodes())

    # Mêmes webinaires (mêmes clés), chacun avec sa session et son UID de toujours.
    webinaires = Webinaire.objects.select_related("session__format")
    assert {w.pk: (w.titre, w.debut, w.statut, w.version) for w in webinaires} == avant[
        "webinaires"
    ]
    for webinaire in webinaires:
        assert webinaire.session.format.slug == "webinaires"
        assert webinaire.session.uid_ical == f"webinaire-{webinaire.pk}@rameau"
    prochain = Webinaire.objects.get(pk=avant["prochain"])
    assert prochain.session.modifie_le == avant["modifie_le"]
    assert prochain.session.lien_visio == "https://visio.exemple.org/salle"
    assert prochain.session.capacite == 2
    # Les sessions des formats : publiée, ou brouillon.
    ateliers = Session.objects.filter(format__slug="ateliers").order_by("debut")
    assert [(s.titre, s.statut, s.lieu) for s in ateliers] == [
        ("Atelier publié", "publie", "Paris"),
        ("Atelier en préparation", "brouillon", "Lyon"),
    ]
    assert ateliers[0].url == "https://exemple.org/inscription"
    assert Session.objects.count() == 4
    # Mêmes inscriptions, mêmes clés, mêmes jetons, dans la session de leur webinaire.
    assert dict(Inscription.objects.values_list("pk", "jeton")) == avant["inscriptions"]
    assert set(
        Inscription.objects.filter(session=prochain.session).values_list("email", flat=True)
    ) == {"alice@exemple.org", "bob@exemple.org", "chloe@exemple.org"}
    assert Abonnement.objects.count() == 1
    # Un seul vocabulaire des publics : « recherche » devient « chercheur ».
    assert Organisation.objects.get(nom="Labo").type_acteur == "chercheur"
    assert Envoi.objects.count() == avant["envois"]
    assert set(Envoi.objects.values_list("genre", "statut")) == {
        ("agenda.confirmation", "envoye"),
        ("agenda.attente", "a_envoyer"),
        ("webinaires.annonce", "envoye"),
    }

    # Rien ne repart deux fois : seule la ligne qui attendait part, une fois.
    assert envois.traiter()["envoyes"] == 1
    assert [m.to for m in mail.outbox] == [["chloe@exemple.org"]]
    assert envois.traiter()["envoyes"] == 0

    # Le lien d'annulation déjà envoyé fonctionne, et promeut la liste d'attente.
    lien = f"/webinaires/inscription/{avant['alice']}/"
    page = client.get(lien).content.decode()
    assert "Hybrider ses ressources" in page and "Annuler mon inscription" in page
    reponse = client.post(lien, follow=True)
    assert "Votre inscription est annulée" in reponse.content.decode()
    assert dict(
        Inscription.objects.filter(session=prochain.session).values_list("email", "statut")
    ) == {
        "alice@exemple.org": "annulee",
        "bob@exemple.org": "confirmee",
        "chloe@exemple.org": "confirmee",
    }
    # Le lien de désabonnement déjà envoyé aussi.
    desabonner = f"/webinaires/abonnement/desabonner/{avant['abonnement']}/"
    assert client.post(desabonner).status_code in (200, 302)
    assert Abonnement.objects.get().statut == "desabonne"
    # Les clés reprises ne gênent pas les inscriptions nouvelles.
    nouvelle = services.inscription_creer(
        session=Session.objects.get(titre="Atelier publié"), nom="Eve", email="eve@exemple.org"
    ).inscription
    assert nouvelle.pk > max(avant["inscriptions"])
