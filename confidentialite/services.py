"""Demandes RGPD : accès (archive ZIP préparée par Celery, lien signé par e-mail),
effacement (effaceurs des applications, puis le compte), durées de conservation (beat).

Les applications déclarent ce qu'elles savent d'une personne dans ``rameau.rgpd`` ; ce module
n'en importe aucune.
"""

import csv
import io
import json
import logging
import zipfile
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from envois import services as envois
from rameau import rgpd
from rameau.exports import cellule

from .enums import ObjetDemande, StatutDemande
from .models import DemandeDonnees

logger = logging.getLogger(__name__)

GENRE_CONFIRMATION = "confidentialite.confirmation"
GENRE_ARCHIVE = "confidentialite.archive"
SEL_CONFIRMATION = "confidentialite.confirmation"
SEL_ARCHIVE = "confidentialite.archive"


def stockage() -> FileSystemStorage:
    """Hors de MEDIA_ROOT (jamais servi tel quel) ; partagé entre web et workers."""
    return FileSystemStorage(location=settings.RGPD_ARCHIVES_ROOT)


# --- Liens signés --------------------------------------------------------------------------


def lien_signe(demande: DemandeDonnees, *, sel: str) -> str:
    return signing.dumps(demande.jeton, salt=sel, compress=False)


def demande_par_lien(signe: str, *, sel: str, duree: timedelta) -> DemandeDonnees | None:
    """La demande d'un lien signé encore valable (None : lien faux, expiré ou inconnu)."""
    try:
        jeton = signing.loads(signe, salt=sel, max_age=duree)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(jeton, str):
        return None
    return DemandeDonnees.objects.filter(jeton=jeton).first()


def duree_confirmation() -> timedelta:
    return timedelta(hours=settings.RGPD_LIEN_CONFIRMATION_HEURES)


def duree_archive() -> timedelta:
    return timedelta(days=settings.RGPD_ARCHIVE_JOURS)


# --- Demandes ------------------------------------------------------------------------------


@transaction.atomic
def demande_creer(*, email: str, objet: str, utilisateur=None) -> DemandeDonnees:
    """Une demande. Sans compte connecté, un lien de confirmation part d'abord à l'adresse
    (elle prouve qu'on la détient) ; avec un compte, l'export se prépare aussitôt."""
    email = email.strip().lower()
    if utilisateur is not None and objet == ObjetDemande.EXPORT:
        demande = DemandeDonnees.objects.create(
            objet=objet,
            email=utilisateur.email.lower(),
            utilisateur=utilisateur,
            statut=StatutDemande.EN_PREPARATION,
            confirmee_le=timezone.now(),
        )
        _preparer_apres_commit(demande)
        return demande
    demande = DemandeDonnees.objects.create(
        objet=objet, email=email, statut=StatutDemande.A_CONFIRMER
    )
    envois.envoi_programmer(genre=GENRE_CONFIRMATION, email=email, objet_id=demande.pk)
    return demande


@transaction.atomic
def demande_confirmer(*, demande: DemandeDonnees) -> DemandeDonnees:
    """Confirmée par un POST depuis le lien reçu : l'export part en préparation, l'effacement
    a lieu tout de suite. Un second POST ne refait rien."""
    demande = DemandeDonnees.objects.select_for_update().get(pk=demande.pk)
    if demande.statut != StatutDemande.A_CONFIRMER:
        return demande
    demande.confirmee_le = timezone.now()
    if demande.objet == ObjetDemande.EXPORT:
        demande.statut = StatutDemande.EN_PREPARATION
        demande.save(update_fields=["statut", "confirmee_le"])
        _preparer_apres_commit(demande)
    else:
        donnees_effacer(personne=rgpd.Personne(email=demande.email))
        demande.statut = StatutDemande.EFFECTUEE
        demande.traitee_le = timezone.now()
        demande.save(update_fields=["statut", "confirmee_le", "traitee_le"])
    return demande


def _preparer_apres_commit(demande: DemandeDonnees) -> None:
    def lancer():
        from .tasks import preparer_archive

        try:
            preparer_archive.delay(demande.pk)
        except Exception:  # courtier injoignable : le beat de conservation la reprendra
            logger.warning("File injoignable : l'archive %s sera préparée plus tard.", demande.pk)

    transaction.on_commit(lancer)


# --- Archive -------------------------------------------------------------------------------


def personnes_du_compte(*, email: str, utilisateur_id: int | None) -> list[rgpd.Personne]:
    """La personne sous chacune de ses adresses : un compte peut en avoir vérifié plusieurs
    (allauth), et s'être inscrit ou abonné avec l'une ou l'autre."""
    from allauth.account.models import EmailAddress

    adresses = [email.lower()]
    if utilisateur_id:
        for autre in EmailAddress.objects.filter(user_id=utilisateur_id, verified=True).values_list(
            "email", flat=True
        ):
            if autre.lower() not in adresses:
                adresses.append(autre.lower())
    return [rgpd.Personne(email=a, utilisateur_id=utilisateur_id) for a in adresses]


def donnees_collecter(*, personnes: list[rgpd.Personne]) -> dict[str, dict[str, list[dict]]]:
    """Ce que chaque application sait de la personne, toutes adresses réunies (sans doublon :
    une inscription trouvée par le compte et par l'adresse n'apparaît qu'une fois)."""
    donnees: dict[str, dict[str, list[dict]]] = {}
    vues: set[str] = set()
    for code, exporter in sorted(rgpd.EXPORTEURS.items()):
        tables = donnees.setdefault(code, {})
        for personne in personnes:
            for table, lignes in exporter(personne).items():
                cible = tables.setdefault(table, [])
                for ligne in lignes:
                    cle = json.dumps([code, table, ligne], cls=DjangoJSONEncoder, sort_keys=True)
                    if cle not in vues:
                        vues.add(cle)
                        cible.append(ligne)
    return donnees


def archive_construire(*, personnes: list[rgpd.Personne], maintenant: datetime) -> bytes:
    """Le ZIP : ``donnees.json`` (tout), un CSV par table (``<application>/<table>.csv``,
    format des exports du site), et un ``LISEZMOI.txt``."""
    donnees = donnees_collecter(personnes=personnes)
    personne = personnes[0]
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "donnees.json",
            json.dumps(
                {"email": personne.email, "genere_le": maintenant, "donnees": donnees},
                cls=DjangoJSONEncoder,
                ensure_ascii=False,
                indent=2,
            ),
        )
        for code, tables in donnees.items():
            for table, lignes in tables.items():
                texte = io.StringIO()
                texte.write("\ufeff")
                ecrivain = csv.writer(texte, delimiter=";")
                colonnes = list(lignes[0]) if lignes else []
                ecrivain.writerow(colonnes)
                for ligne in lignes:
                    ecrivain.writerow([cellule(ligne.get(c)) for c in colonnes])
                archive.writestr(f"{code}/{table}.csv", texte.getvalue())
        archive.writestr(
            "LISEZMOI.txt",
            "Vos données sur la plateforme « (Re)Connaissance des modèles socio-économiques » "
            "(Le RAMEAU).\n\ndonnees.json : toutes les données, lisibles par une machine.\n"
            "<application>/<table>.csv : les mêmes données, une table par fichier "
            "(séparateur « ; », UTF-8).\n",
        )
    return tampon.getvalue()


def archive_preparer(*, demande_id: int) -> bool:
    """Construit l'archive d'une demande en préparation et réserve l'e-mail du lien.
    Idempotent : une demande déjà prête (tâche rejouée) n'est pas refaite."""
    with transaction.atomic():
        demande = DemandeDonnees.objects.select_for_update().filter(pk=demande_id).first()
        if demande is None or demande.statut != StatutDemande.EN_PREPARATION:
            return False
        maintenant = timezone.now()
        personnes = personnes_du_compte(email=demande.email, utilisateur_id=demande.utilisateur_id)
        contenu = archive_construire(personnes=personnes, maintenant=maintenant)
        nom = stockage().save(f"{demande.jeton}.zip", ContentFile(contenu))
        demande.archive = nom
        demande.statut = StatutDemande.PRETE
        demande.traitee_le = maintenant
        demande.save(update_fields=["archive", "statut", "traitee_le"])
        envois.envoi_programmer(genre=GENRE_ARCHIVE, email=demande.email, objet_id=demande.pk)
    return True


def archive_ouvrir(demande: DemandeDonnees):
    if demande.statut != StatutDemande.PRETE or not demande.archive:
        return None
    if not stockage().exists(demande.archive):
        return None
    return stockage().open(demande.archive, "rb")


# --- Effacement ----------------------------------------------------------------------------


@transaction.atomic
def donnees_effacer(*, personne: rgpd.Personne) -> dict[str, int]:
    """Chaque application efface ou anonymise ce qu'elle sait de la personne."""
    bilan = {code: effacer(personne) for code, effacer in sorted(rgpd.EFFACEURS.items())}
    for demande in DemandeDonnees.objects.filter(email__iexact=personne.email).exclude(archive=""):
        stockage().delete(demande.archive)
    DemandeDonnees.objects.filter(email__iexact=personne.email).exclude(
        objet=ObjetDemande.EFFACEMENT
    ).delete()
    return bilan


@transaction.atomic
def compte_supprimer(*, utilisateur) -> dict[str, int]:
    """Supprime un compte : d'abord les effaceurs (qui retrouvent ses données par son
    identifiant et son adresse), puis le compte (adhésions, adresses, seconds facteurs)."""
    bilan: dict[str, int] = {}
    for personne in personnes_du_compte(email=utilisateur.email, utilisateur_id=utilisateur.pk):
        for code, nombre in donnees_effacer(personne=personne).items():
            bilan[code] = bilan.get(code, 0) + nombre
    get_user_model().objects.filter(pk=utilisateur.pk).delete()
    return bilan


# --- Conservation ---------------------------------------------------------------------------


def conservation_appliquer(*, maintenant: datetime | None = None) -> dict[str, int]:
    """Le passage nocturne : chaque durée de conservation déclarée, puis les archives
    expirées supprimées et les exports restés en préparation relancés."""
    maintenant = maintenant or timezone.now()
    bilan = {}
    for code, conserver in sorted(rgpd.CONSERVATIONS.items()):
        with transaction.atomic():
            bilan[code] = conserver(maintenant)
    # Une demande d'export servie ou jamais confirmée ne garde rien (ni archive, ni adresse) ;
    # une demande d'effacement reste, pour pouvoir rendre compte de son exécution.
    limite = maintenant - duree_archive()
    expirees = DemandeDonnees.objects.filter(statut=StatutDemande.PRETE, traitee_le__lt=limite)
    for demande in expirees:
        stockage().delete(demande.archive)
    bilan["confidentialite.archives"] = expirees.delete()[0]
    bilan["confidentialite.demandes"] = DemandeDonnees.objects.filter(
        statut=StatutDemande.A_CONFIRMER, cree_le__lt=maintenant - duree_confirmation()
    ).delete()[0]
    for pk in DemandeDonnees.objects.filter(
        statut=StatutDemande.EN_PREPARATION, confirmee_le__lt=maintenant - timedelta(hours=1)
    ).values_list("pk", flat=True):
        archive_preparer(demande_id=pk)
    return bilan
