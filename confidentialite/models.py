"""Les demandes d'accès (export) et d'effacement des données personnelles."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rameau.jetons import nouveau_jeton

from .enums import ObjetDemande, StatutDemande


class DemandeDonnees(models.Model):
    """Une demande RGPD. L'adresse est prouvée par le compte connecté ou par le lien reçu
    (signé, à durée limitée) ; l'archive vit hors des fichiers publics
    (``RGPD_ARCHIVES_ROOT``) et n'est servie que par un lien signé qui expire."""

    objet = models.CharField(_("objet"), max_length=20, choices=ObjetDemande.choices)
    statut = models.CharField(_("statut"), max_length=20, choices=StatutDemande.choices)
    email = models.EmailField(_("adresse e-mail"))
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("compte"),
    )
    jeton = models.CharField(max_length=64, unique=True, default=nouveau_jeton, editable=False)
    archive = models.CharField(_("archive"), max_length=200, blank=True, editable=False)
    cree_le = models.DateTimeField(_("demandée le"), default=timezone.now)
    confirmee_le = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    traitee_le = models.DateTimeField(_("traitée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("demande RGPD")
        verbose_name_plural = _("demandes RGPD")
        ordering = ["-cree_le"]
        indexes = [models.Index(fields=["statut", "traitee_le"])]

    def __str__(self):
        return f"{self.get_objet_display()} — {self.email} ({self.get_statut_display()})"
