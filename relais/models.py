"""Pilier 2 : les canaux des relais, leurs contacts, la page d'impact de chaque partenaire et
les numéros de la lettre du programme."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rameau.jetons import nouveau_jeton

from .enums import GenreCanal, StatutNumero

LISTE_LETTRE = "lettre-du-programme"


class Canal(models.Model):
    """Un canal par lequel un partenaire relaie le programme (lettre, événement, site…)."""

    code = models.SlugField(
        _("code"),
        unique=True,
        max_length=60,
        help_text=_("Valeur de ?relais= dans les liens du kit (ex. « isbl »)."),
    )
    nom = models.CharField(_("nom"), max_length=200)
    partenaire = models.ForeignKey(
        "programme.Partenaire",
        on_delete=models.PROTECT,
        related_name="canaux",
        verbose_name=_("partenaire"),
    )
    genre = models.CharField(_("type"), max_length=20, choices=GenreCanal.choices)
    audience = models.PositiveIntegerField(_("audience"), null=True, blank=True)
    frequence = models.CharField(_("fréquence"), max_length=100, blank=True)
    jour_bouclage = models.PositiveSmallIntegerField(
        _("jour de bouclage"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Jour du mois où la rédaction boucle ; le kit part une semaine avant."),
    )
    actif = models.BooleanField(_("actif"), default=True)

    class Meta:
        verbose_name = _("canal de relais")
        verbose_name_plural = _("canaux de relais")
        ordering = ["partenaire__ordre", "nom"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(jour_bouclage__isnull=True)
                | models.Q(jour_bouclage__gte=1, jour_bouclage__lte=28),
                name="relais_canal_jour_bouclage_1_28",
            )
        ]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("relais:kit", args=[self.code])


class ContactCanal(models.Model):
    """Une personne de la rédaction d'un canal : elle reçoit le kit du mois."""

    canal = models.ForeignKey(Canal, on_delete=models.CASCADE, related_name="contacts")
    email = models.EmailField(_("adresse e-mail"))
    nom = models.CharField(_("nom"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("contact du canal")
        verbose_name_plural = _("contacts du canal")
        constraints = [
            models.UniqueConstraint(
                "canal", models.functions.Lower("email"), name="relais_contact_unique"
            )
        ]

    def __str__(self):
        return self.email


class AccesImpact(models.Model):
    """Le lien secret de la page d'impact d'un partenaire (envoyé par l'équipe)."""

    partenaire = models.OneToOneField(
        "programme.Partenaire",
        on_delete=models.CASCADE,
        related_name="acces_impact",
        verbose_name=_("partenaire"),
    )
    jeton = models.CharField(max_length=64, unique=True, default=nouveau_jeton, editable=False)
    email = models.EmailField(
        _("adresse d’envoi du lien"),
        blank=True,
        help_text=_("Personne du partenaire qui reçoit le lien de sa page d'impact."),
    )
    cree_le = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("page d'impact d'un partenaire")
        verbose_name_plural = _("pages d'impact des partenaires")

    def __str__(self):
        return str(self.partenaire)

    def get_absolute_url(self):
        return reverse("relais:impact", args=[self.jeton])


class Numero(models.Model):
    """Un numéro de la lettre du programme, rédigé en Markdown dans l'administration."""

    liste = models.ForeignKey(
        "envois.Liste",
        on_delete=models.PROTECT,
        related_name="numeros",
        verbose_name=_("liste de diffusion"),
    )
    titre = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse"), unique=True, max_length=120)
    chapo = models.TextField(_("chapô"), blank=True)
    corps = models.TextField(
        _("corps (Markdown)"),
        help_text=_("Titres (##), listes, liens, gras ; le HTML brut est nettoyé."),
    )
    image = models.URLField(_("image"), blank=True)
    avec_sessions = models.BooleanField(_("insérer les prochaines sessions"), default=True)
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutNumero.choices, default=StatutNumero.BROUILLON
    )
    envoi_le = models.DateTimeField(_("envoi prévu le"), null=True, blank=True)
    publie_le = models.DateTimeField(_("publié le"), null=True, blank=True, editable=False)
    cree_le = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("numéro de la lettre")
        verbose_name_plural = _("numéros de la lettre")
        ordering = ["-publie_le", "-envoi_le", "-cree_le"]
        indexes = [models.Index(fields=["statut", "envoi_le"])]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("relais:numero", args=[self.slug])
