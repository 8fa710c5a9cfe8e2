"""La boîte d'envoi : chaque e-mail de la plateforme est une ligne réservée avant de partir.

Les applications décrivent leurs e-mails dans le registre (``envois.registre``) ; ``envois``
n'importe aucune d'elles. Les listes de diffusion, leurs abonnements (double opt-in) et la
liste de suppression vivent ici aussi.
"""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rameau.jetons import nouveau_jeton

from .enums import MotifSuppression, StatutAbonnement, StatutEnvoi


class Envoi(models.Model):
    """Un e-mail dû. L'unicité (destinataire, genre, objet, moment dû) interdit le doublon :
    un deuxième beat, une tâche rejouée ou un double clic retombent sur la même ligne.

    ``objet_id`` désigne ce dont parle l'e-mail (une session, une invitation…) et
    ``source_id`` la fiche personnelle dont il tire ses liens (une inscription, un
    abonnement) ; leur sens dépend du genre, déclaré par l'application qui l'a enregistré.
    """

    genre = models.CharField(_("genre"), max_length=60)
    email = models.EmailField(_("destinataire"), help_text=_("En minuscules."))
    objet_id = models.BigIntegerField(_("objet"))
    source_id = models.BigIntegerField(_("fiche source"), null=True, blank=True)
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutEnvoi.choices, default=StatutEnvoi.A_ENVOYER
    )
    du_le = models.DateTimeField(_("dû le"))
    reserve_le = models.DateTimeField(_("réservé le"), default=timezone.now)
    envoye_le = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    tentatives = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    erreur = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("envoi")
        verbose_name_plural = _("envois")
        ordering = ["-du_le", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "genre", "objet_id", "du_le"], name="envoi_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["statut", "reserve_le"]),
            models.Index(fields=["genre", "objet_id"]),
        ]

    def __str__(self):
        return f"{self.genre} → {self.email} ({self.get_statut_display()})"

    @property
    def libelle_genre(self) -> str:
        from . import registre

        genre = registre.GENRES.get(self.genre)
        return str(genre.libelle) if genre else self.genre


class Liste(models.Model):
    """Une liste de diffusion (« Annonces du cycle », « Lettre du programme »…)."""

    code = models.SlugField(_("code"), unique=True)
    nom = models.CharField(_("nom"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    publique = models.BooleanField(_("proposée sur la page des préférences"), default=True)

    class Meta:
        verbose_name = _("liste de diffusion")
        verbose_name_plural = _("listes de diffusion")
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class Abonnement(models.Model):
    """Abonnement à une liste, confirmé par double opt-in (un POST depuis le lien reçu)."""

    liste = models.ForeignKey(Liste, on_delete=models.CASCADE, related_name="abonnements")
    email = models.EmailField(_("adresse e-mail"))
    nom = models.CharField(_("nom"), max_length=150, blank=True)
    statut = models.CharField(
        _("statut"),
        max_length=20,
        choices=StatutAbonnement.choices,
        default=StatutAbonnement.EN_ATTENTE,
    )
    jeton = models.CharField(max_length=64, unique=True, default=nouveau_jeton, editable=False)
    origine = models.CharField(
        _("origine (relais)"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Premier relais de la visite (?relais=, utm_source ou site d'origine)."),
    )
    cree_le = models.DateTimeField(_("demandé le"), default=timezone.now)
    confirme_le = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    desabonne_le = models.DateTimeField(_("désabonné le"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        ordering = ["-cree_le"]
        constraints = [
            models.UniqueConstraint("liste", Lower("email"), name="abonnement_unique_par_liste"),
        ]

    def __str__(self):
        return f"{self.email} — {self.liste}"

    def get_absolute_url(self):
        return reverse("envois:confirmer", args=[self.jeton])


class Suppression(models.Model):
    """Adresse qui ne reçoit plus que les e-mails transactionnels qu'elle a demandés."""

    email = models.EmailField(_("adresse e-mail"))
    motif = models.CharField(_("motif"), max_length=20, choices=MotifSuppression.choices)
    detail = models.TextField(_("détail"), blank=True)
    cree_le = models.DateTimeField(_("depuis le"), default=timezone.now)

    class Meta:
        verbose_name = _("adresse supprimée des envois")
        verbose_name_plural = _("liste de suppression")
        ordering = ["-cree_le"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="suppression_unique_par_email"),
        ]

    def __str__(self):
        return f"{self.email} ({self.get_motif_display()})"
