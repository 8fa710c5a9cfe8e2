"""Outils des tests de pannes : un puits SMTP (aiosmtpd) qui compte, un worker et un beat
Celery réels lancés en sous-processus sur la base de test et le Redis des tests."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

RACINE = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Puits:
    """Serveur SMTP local : compte les messages reçus par destinataire."""

    def __init__(self, *, pause_au_message: int | None = None):
        self.recus: Counter[str] = Counter()
        self.total = 0
        self.verrou = threading.Lock()
        self.pause_au_message = pause_au_message
        self.pause_atteinte = threading.Event()
        self.port = port_libre()
        self.controleur = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        with self.verrou:
            for destinataire in envelope.rcpt_tos:
                self.recus[destinataire.lower()] += 1
            self.total += 1
            numero = self.total
        if numero == self.pause_au_message:
            # Le message est accepté, mais la réponse tarde : le worker sera tué en l'attendant.
            self.pause_atteinte.set()
            await asyncio.sleep(3)
        return "250 Message accepté"

    def __enter__(self):
        self.controleur.start()
        return self

    def __exit__(self, *exc):
        self.controleur.stop()


def environnement(puits: Puits, **extra) -> dict:
    base = settings.DATABASES["default"]
    nom_base = connection.settings_dict["NAME"]
    url = f"postgres://{base['USER']}@{base['HOST']}:{base['PORT']}/{nom_base}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{puits.port}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "rameau.settings",
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


class Processus:
    def __init__(self, arguments: list[str], env: dict, journal: Path):
        self.journal = journal.open("ab")
        self.proc = subprocess.Popen(
            [CELERY, "-A", "rameau", *arguments],
            cwd=RACINE,
            env=env,
            stdout=self.journal,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def tuer(self):
        """SIGKILL sur tout le groupe (processus principal et enfants) : une vraie panne."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def arreter(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.tuer()
        self.journal.close()


def worker(env: dict, journal: Path, *, nom: str, concurrence: int = 2) -> Processus:
    return Processus(
        [
            "worker",
            "-l",
            "WARNING",
            "-c",
            str(concurrence),
            "-n",
            f"{nom}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env,
        journal,
    )


def beat(env: dict, journal: Path, dossier: Path) -> Processus:
    return Processus(
        ["beat", "-l", "WARNING", "-s", str(dossier / "celerybeat-schedule"), "--pidfile="],
        env,
        journal,
    )


def attendre(condition, *, delai: float = 90, message: str = "") -> None:
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"Délai dépassé : {message}")
