"""Pilier 3 : les modules du programme de formation (avec l'AFF), leurs sessions datées
(des :class:`agenda.models.Session`), les attestations de présence et les certificats
d'aptitude.

Niveaux 1 et 2 : des ressources en ligne gratuites (un lien). Niveau 3 : des modules AFF
dont les sessions sont dans l'agenda (format « formations-aff ») ; la présence notée à une
session donne une :class:`Attestation` ; un :class:`Certificat` (règle : les modules requis)
est délivré dès que le dernier module requis est suivi.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.models import lignes
from rameau.jetons import nouveau_jeton

from .enums import Nature, Niveau, PublicFormation

AIDE_LISTE = _("Un élément par ligne.")


class ModuleQuerySet(models.QuerySet):
    def publies(self):
        return self.filter(publie=True)

    def pour_public(self, public: str | None):
        """Les modules de ce public, et ceux qui s'adressent aux deux."""
        if public not in PublicFormation.values or public == PublicFormation.TOUS:
            return self
        return self.filter(public__in=[public, PublicFormation.TOUS])


class Module(models.Model):
    titre = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(unique=True, max_length=120)
    niveau = models.PositiveSmallIntegerField(_("niveau"), choices=Niveau.choices)
    public = models.CharField(
        _("public"),
        max_length=20,
        choices=PublicFormation.choices,
        default=PublicFormation.TOUS,
    )
    accroche = models.CharField(_("accroche"), max_length=300, blank=True)
    objectifs = models.TextField(_("objectifs"), blank=True, help_text=AIDE_LISTE)
    programme = models.TextField(_("programme"), blank=True, help_text=AIDE_LISTE)
    duree_heures = models.DecimalField(
        _("durée (heures)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Vide : à son rythme."),
    )
    prerequis = models.TextField(_("prérequis"), blank=True, help_text=AIDE_LISTE)
    prix = models.DecimalField(
        _("prix (€ TTC)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Vide ou 0 : gratuit."),
    )
    lien = models.URLField(
        _("lien de la ressource en ligne"),
        blank=True,
        help_text=_("Niveaux 1 et 2 : la plateforme ou le MOOC."),
    )
    modeles = models.ManyToManyField(
        "programme.ModeleSocioEconomique",
        blank=True,
        related_name="modules_formation",
        verbose_name=_("modèles abordés"),
    )
    leviers = models.ManyToManyField(
        "programme.Levier",
        blank=True,
        related_name="modules_formation",
        verbose_name=_("leviers abordés"),
    )
    partenaires = models.ManyToManyField(
        "programme.Partenaire",
        blank=True,
        related_name="modules_formation",
        verbose_name=_("co-construit avec"),
    )
    publie = models.BooleanField(_("publié"), default=True)
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=0)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ModuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("module de formation")
        verbose_name_plural = _("modules de formation")
        ordering = ["niveau", "ordre", "titre"]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("formations:module", args=[self.slug])

    @property
    def gratuit(self) -> bool:
        return not self.prix

    @property
    def en_ligne(self) -> bool:
        """Niveaux 1 et 2 : une ressource en ligne, sans session datée."""
        return self.niveau in (Niveau.PLATEFORME, Niveau.MOOC)

    @property
    def liste_objectifs(self) -> list[str]:
        return lignes(self.objectifs)

    @property
    def liste_programme(self) -> list[str]:
        return lignes(self.programme)

    @property
    def liste_prerequis(self) -> list[str]:
        return lignes(self.prerequis)


class SessionModule(models.Model):
    """Rattache une session d'agenda (format « formations-aff ») à son module."""

    session = models.OneToOneField(
        "agenda.Session",
        on_delete=models.CASCADE,
        related_name="module_formation",
        verbose_name=_("session"),
    )
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="sessions_module", verbose_name=_("module")
    )

    class Meta:
        verbose_name = _("session du module")
        verbose_name_plural = _("sessions du module")

    def __str__(self):
        return str(self.session)

    def clean(self):
        from .enums import FORMAT

        if self.session_id and self.session.format.slug != FORMAT:
            raise ValidationError(
                {
                    "session": _(
                        "Choisissez une session du format « Modules de formation AFF » "
                        "(créée dans l'agenda avec ce format)."
                    )
                }
            )


class Certificat(models.Model):
    """Règle d'un certificat d'aptitude : les modules à avoir suivis (éditable en admin)."""

    titre = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(unique=True, max_length=120)
    description = models.TextField(_("description"), blank=True)
    modules = models.ManyToManyField(
        Module, related_name="certificats", verbose_name=_("modules requis")
    )
    actif = models.BooleanField(
        _("délivré automatiquement"),
        default=True,
        help_text=_("Décoché : plus aucun certificat n'est délivré selon cette règle."),
    )

    class Meta:
        verbose_name = _("certificat d'aptitude (règle)")
        verbose_name_plural = _("certificats d'aptitude (règles)")
        ordering = ["titre"]

    def __str__(self):
        return self.titre


class AttestationQuerySet(models.QuerySet):
    def valides(self):
        return self.filter(revoquee_le__isnull=True)


class Attestation(models.Model):
    """Attestation de présence à une session, ou certificat d'aptitude délivré.

    Exactement une par inscription (présence) et une par certificat et par adresse
    (certificat) : les contraintes d'unicité font foi, même sous des émissions concurrentes.
    Le code, secret et impossible à deviner, est l'adresse de vérification publique.
    """

    code = models.CharField(max_length=64, unique=True, default=nouveau_jeton, editable=False)
    nature = models.CharField(_("nature"), max_length=20, choices=Nature.choices)
    nom = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attestations",
    )
    inscription = models.OneToOneField(
        "agenda.Inscription",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attestation",
        verbose_name=_("inscription"),
    )
    module = models.ForeignKey(
        Module,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attestations",
        verbose_name=_("module"),
    )
    certificat = models.ForeignKey(
        Certificat,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delivres",
        verbose_name=_("certificat"),
    )
    intitule = models.CharField(_("intitulé"), max_length=200)
    # Dates et horaires de la session au moment de l'émission (la session peut changer).
    debut = models.DateTimeField(_("début"), null=True, blank=True)
    fin = models.DateTimeField(_("fin"), null=True, blank=True)
    lieu = models.CharField(_("lieu"), max_length=200, blank=True)
    emise_le = models.DateTimeField(_("émise le"), default=timezone.now)
    pdf = models.FileField(_("PDF"), upload_to="formations/attestations/", blank=True)
    revoquee_le = models.DateTimeField(_("révoquée le"), null=True, blank=True)
    motif_revocation = models.TextField(_("motif de la révocation"), blank=True)
    revoquee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("révoquée par"),
    )

    objects = AttestationQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation ou certificat délivré")
        verbose_name_plural = _("attestations et certificats délivrés")
        ordering = ["-emise_le", "-id"]
        constraints = [
            models.UniqueConstraint(
                "certificat",
                Lower("email"),
                condition=models.Q(certificat__isnull=False),
                name="formations_certificat_unique_par_email",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(nature=Nature.PRESENCE, inscription__isnull=False)
                    | models.Q(nature=Nature.CERTIFICAT, certificat__isnull=False)
                ),
                name="formations_attestation_nature_coherente",
            ),
        ]
        indexes = [models.Index(Lower("email"), name="formations_attestation_email")]

    def __str__(self):
        return f"{self.get_nature_display()} — {self.nom} — {self.intitule}"

    def get_absolute_url(self):
        return reverse("attestations:verifier", args=[self.code])

    @property
    def valide(self) -> bool:
        return self.revoquee_le is None

    @property
    def url_pdf(self) -> str:
        return reverse("attestations:pdf", args=[self.code])

    @property
    def url_badge(self) -> str:
        return reverse("attestations:badge", args=[self.code])
