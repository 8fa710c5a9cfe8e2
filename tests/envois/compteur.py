"""Backend e-mail de test : compte les connexions ouvertes (une par lot attendue)."""

from django.core.mail.backends.locmem import EmailBackend

OUVERTURES = []


class CompteurBackend(EmailBackend):
    def open(self):
        OUVERTURES.append(1)
        return True
