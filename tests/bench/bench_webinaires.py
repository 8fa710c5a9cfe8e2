"""Banc d'essai des rappels des webinaires (les pages, dont la page intégrable, sont mesurées
par ``bench_pages.py``, en alternance avec la référence).

Rappels à 50 000 inscrits (la taille de la lettre ISBL) vers un puits SMTP local
   (aiosmtpd, processus séparé) : débit de la chaîne complète de la boîte d'envoi
   (``envois`` : réservation des lignes ``Envoi``, rendu, envoi par lots, validation ligne à
ligne) rapporté à ``smtplib`` brut envoyant les mêmes messages au même puits, mesuré juste
avant et juste après (objectif ≥ 50 %) ; mémoire de pointe (ru_maxrss du processus d'envoi)
pour 5 000 et 50 000 destinataires (objectif : écart ≤ 25 %).

Lancement : ``.venv/bin/python tests/bench/bench_webinaires.py`` avec ``DATABASE_URL``
(PostgreSQL) et de préférence ``REDIS_URL``. Une base dédiée ``bench_webinaires`` est créée
puis détruite. ``BENCH_DESTINATAIRES`` (défaut 50 000) ajuste la mesure.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import resource
import signal
import smtplib
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
MODULE = "tests.bench.bench_webinaires"

# Ce module sert aussi de réglages (DEBUG désactivé) et d'URLconf pour la vue nue.
os.environ.setdefault("SECRET_KEY", "banc-d-essai-webinaires-" + "Hq3Zr8Wm5Tn2Yb7K" * 3)
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
sys.path.insert(0, str(RACINE))

from rameau.settings import *  # noqa: E402, F403
from tests.bench import outils  # noqa: E402

ROOT_URLCONF = MODULE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
if os.environ.get("BENCH_SMTP_PORT"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["BENCH_SMTP_PORT"])
    EMAIL_USE_TLS = EMAIL_USE_SSL = False
    EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""


def __getattr__(nom):
    if nom == "urlpatterns":
        return outils.urlpatterns_avec_vue_nue()
    raise AttributeError(nom)


OBJECTIF_SMTP = 0.50
ECART_MEMOIRE = 0.25
DESTINATAIRES = int(os.environ.get("BENCH_DESTINATAIRES", "50000"))


# --- Puits SMTP dans un processus séparé -----------------------------------------------------


def _puits(port: int, compteur, pret) -> None:
    from aiosmtpd.controller import Controller

    class Compteur:
        async def handle_DATA(self, server, session, envelope):
            with compteur.get_lock():
                compteur.value += 1
            return "250 OK"

    controleur = Controller(Compteur(), hostname="127.0.0.1", port=port)
    controleur.start()
    pret.set()
    signal.sigwait([signal.SIGTERM])
    controleur.stop()


class Puits:
    def __init__(self):
        self.port = outils.port_libre()
        self.compteur = multiprocessing.Value("l", 0)
        pret = multiprocessing.Event()
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM])
        self.processus = multiprocessing.Process(
            target=_puits, args=(self.port, self.compteur, pret), daemon=True
        )
        self.processus.start()
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
        pret.wait(30)

    @property
    def total(self) -> int:
        return self.compteur.value

    def remettre_a_zero(self) -> None:
        with self.compteur.get_lock():
            self.compteur.value = 0

    def arreter(self) -> None:
        self.processus.terminate()
        self.processus.join(10)


# --- Processus enfants : envoi par la plateforme, envoi brut ---------------------------------


def enfant_plateforme(webinaire_id: int) -> None:
    """Ce que fait le beat au moment du rappel H-1, dans un processus neuf (mémoire mesurée)."""
    import django

    django.setup()
    from envois import services
    from webinaires.models import Webinaire

    webinaire = Webinaire.objects.get(pk=webinaire_id)
    instant = webinaire.debut - timedelta(minutes=59)
    profil = None
    if os.environ.get("BENCH_PROFIL"):  # où passe le temps : profil cProfile dans ce fichier
        import cProfile

        profil = cProfile.Profile()
        profil.enable()
    debut = time.perf_counter()
    bilan = services.traiter(maintenant=instant)
    duree = time.perf_counter() - debut
    if profil is not None:
        profil.disable()
        profil.dump_stats(os.environ["BENCH_PROFIL"])
    pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"RESULTAT {bilan['envoyes']} {duree:.3f} {pic}")


def enfant_brut(nombre: int, port: int) -> None:
    """smtplib seul : les mêmes messages (texte + HTML), une connexion, aucun état."""
    from email.message import EmailMessage

    texte = "Bonjour,\n\nLe webinaire commence dans une heure. Lien de connexion :\n" * 3
    html = f"<html><body><p>{texte}</p></body></html>"
    smtp = smtplib.SMTP("127.0.0.1", port)
    smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    debut = time.perf_counter()
    for i in range(nombre):
        message = EmailMessage()
        message["Subject"] = "Dans une heure : webinaire"
        message["From"] = "programme@lerameau.fr"
        message["To"] = f"personne{i}@exemple.org"
        message.set_content(texte + f"https://exemple.org/annuler/{i}\n")
        message.add_alternative(html, subtype="html")
        smtp.sendmail("programme@lerameau.fr", [f"personne{i}@exemple.org"], message.as_bytes())
    duree = time.perf_counter() - debut
    smtp.quit()
    pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"RESULTAT {nombre} {duree:.3f} {pic}")


def lancer_enfant(arguments: list[str], env: dict) -> tuple[int, float, int]:
    sortie = subprocess.run(
        [sys.executable, __file__, *arguments],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    ligne = re.search(r"RESULTAT (\d+) ([\d.]+) (\d+)", sortie.stdout)
    if sortie.returncode or not ligne:
        raise SystemExit(f"Échec de {arguments} :\n{sortie.stdout}\n{sortie.stderr}")
    return int(ligne.group(1)), float(ligne.group(2)), int(ligne.group(3))


# --- Base de mesure ----------------------------------------------------------------------


def preparer_contenu():
    from django.utils import timezone

    from programme.models import Partenaire
    from webinaires import services
    from webinaires.models import Cycle

    Partenaire.objects.update_or_create(
        code="isbl", defaults={"nom": "ISBL", "origines_integration": "https://www.isbl.example"}
    )
    cycle = Cycle.objects.create(titre="Banc", slug="banc", debut="2026-10-01", fin="2027-10-01")
    maintenant = timezone.now().replace(microsecond=0)
    for i in range(12):
        debut = maintenant + timedelta(days=30 * (i - 4))
        webinaire = services.webinaire_creer(
            cycle=cycle,
            mois=date(2030, i + 1, 1),
            slug=f"banc-{i}",
            titre=f"Webinaire de banc n°{i}",
            theme="Les modèles socio-économiques",
            debut=debut,
            fin=debut + timedelta(minutes=90),
            lien_replay="https://replay.exemple.org" if i < 4 else "",
        )
        services.sequences_creer(webinaire=webinaire)
        webinaire.partenaires.add(Partenaire.objects.get(code="isbl"))
    return cycle


def inscrits(cycle, nombre: int, rang: int) -> int:
    """Un webinaire dans 50 minutes et ``nombre`` inscrits confirmés (rappel H-1 dû)."""
    from django.db import connection
    from django.utils import timezone

    from agenda.models import Inscription, Session
    from webinaires import services

    debut = timezone.now().replace(microsecond=0) + timedelta(minutes=50)
    webinaire = services.webinaire_creer(
        cycle=cycle,
        mois=date(2040, rang, 1),
        slug=f"rappel-{rang}",
        titre=f"Rappel à {nombre} inscrits",
        debut=debut,
        fin=debut + timedelta(minutes=90),
        lien_visio="https://visio.exemple.org/salle",
        statut="brouillon",  # hors des pages : seul le rappel compte ici
    )
    with connection.cursor() as curseur:
        curseur.execute(
            f"INSERT INTO {Inscription._meta.db_table} (session_id, nom, email, organisation,"
            " profil, consentement, statut, jeton, cree_le, confirmee_le, origine)"
            " SELECT %s, 'Personne ' || g, 'personne' || g || '@exemple.org', '', 'association',"
            " true, 'confirmee', md5(random()::text || g), %s, %s, ''"
            " FROM generate_series(1, %s) g",
            [webinaire.session_id, debut - timedelta(days=9), debut - timedelta(days=9), nombre],
        )
    Session.objects.filter(pk=webinaire.session_id).update(statut="publie")
    return webinaire.pk


# --- Mesures -----------------------------------------------------------------------------


def banc_smtp(cycle) -> bool:
    from django.db import connection

    from envois.models import Envoi

    puits = Puits()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": MODULE,
        "DATABASE_URL": outils.url_base_de_donnees(),
        "PYTHONPATH": str(RACINE),
        "BENCH_SMTP_PORT": str(puits.port),
    }
    try:
        petit = inscrits(cycle, 5000, 1)
        connection.close()
        n5, d5, m5 = lancer_enfant(["--plateforme", str(petit)], env)
        assert n5 == 5000 and puits.total == 5000, (n5, puits.total)
        grand = inscrits(cycle, DESTINATAIRES, 2)
        connection.close()
        # smtplib brut avant et après la plateforme : la machine partagée change de charge
        # pendant la mesure, la référence est la moyenne des deux débits qui l'encadrent.
        puits.remettre_a_zero()
        nb1, db1, _mb = lancer_enfant(["--brut", str(DESTINATAIRES), str(puits.port)], env)
        assert puits.total == DESTINATAIRES
        puits.remettre_a_zero()
        n50, d50, m50 = lancer_enfant(["--plateforme", str(grand)], env)
        assert n50 == DESTINATAIRES and puits.total == DESTINATAIRES, (n50, puits.total)
        envoyes = Envoi.objects.filter(genre="webinaires.heure", objet_id=grand, statut="envoye")
        assert envoyes.count() == DESTINATAIRES
        puits.remettre_a_zero()
        nb2, db2, _mb = lancer_enfant(["--brut", str(DESTINATAIRES), str(puits.port)], env)
        assert puits.total == DESTINATAIRES
    finally:
        puits.arreter()
    brut = (nb1 / db1 + nb2 / db2) / 2
    ratio = (n50 / d50) / brut
    ecart = abs(m50 - m5) / m5
    ok_debit, ok_memoire = ratio >= OBJECTIF_SMTP, ecart <= ECART_MEMOIRE
    print(
        f"Rappels à {DESTINATAIRES} inscrits : {n50 / d50:.0f} messages/s contre "
        f"{brut:.0f} messages/s pour smtplib brut ({nb1 / db1:.0f} avant, {nb2 / db2:.0f} "
        f"après), ratio {ratio:.0%} "
        f"(objectif ≥ {OBJECTIF_SMTP:.0%}) {'OK' if ok_debit else 'ÉCHEC'}"
    )
    print(
        f"Mémoire de pointe du processus d'envoi : {m5 / 1024:.0f} Mio pour 5 000, "
        f"{m50 / 1024:.0f} Mio pour {DESTINATAIRES}, écart {ecart:.0%} "
        f"(objectif ≤ {ECART_MEMOIRE:.0%}) {'OK' if ok_memoire else 'ÉCHEC'}"
    )
    return ok_debit and ok_memoire


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = MODULE
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    nom_origine = settings.DATABASES["default"]["NAME"]
    outils.creer_base("bench_webinaires")
    try:
        cycle = preparer_contenu()
        connection.close()
        ok_smtp = banc_smtp(cycle)
    finally:
        connection.close()
        connection.creation.destroy_test_db(nom_origine, verbosity=0)
    return 0 if ok_smtp else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--plateforme":
        os.environ["DJANGO_SETTINGS_MODULE"] = MODULE
        enfant_plateforme(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--brut":
        enfant_brut(int(sys.argv[2]), int(sys.argv[3]))
    else:
        sys.exit(main())
