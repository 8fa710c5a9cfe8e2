"""Sessions datées de tous les formats, inscriptions (avec liste d'attente) et présences.

Un webinaire, un atelier, une session de co-développement ou une étape de parcours est une
:class:`Session` ; ce qui n'appartient qu'à un format (le cycle et les « 4 temps » d'un
webinaire…) vit dans l'application de ce format, liée à sa session.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.enums import Public
from programme.fields import ChampPublics, pour_public
from rameau.jetons import nouveau_jeton

from .enums import StatutInscription, StatutSession


class SessionQuerySet(models.QuerySet):
    def publiees(self):
        return self.filter(statut=StatutSession.PUBLIE)

    def pour_public(self, public: str | None):
        """Les sessions ouvertes à ce public (celles sans public précisé le sont à tous)."""
        return self.filter(pour_public("publics", public)) if public else self


class Session(models.Model):
    """Un rendez-vous daté d'un format : webinaire, atelier, co-développement, étape de
    parcours (``parent`` : la session qui réunit les étapes d'une cohorte)."""

    format = models.ForeignKey(
        "programme.Format",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("format"),
    )
    titre = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    debut = models.DateTimeField(_("début"))
    fin = models.DateTimeField(_("fin"))
    lieu = models.CharField(
        _("lieu"), max_length=200, blank=True, help_text=_("Ville et adresse, ou « En ligne ».")
    )
    lien_visio = models.URLField(
        _("lien de connexion"),
        blank=True,
        help_text=_("Envoyé aux inscrits confirmés (confirmation et rappels)."),
    )
    capacite = models.PositiveIntegerField(
        _("capacité"), null=True, blank=True, help_text=_("Vide : sans limite de places.")
    )
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutSession.choices, default=StatutSession.PUBLIE
    )
    publics = ChampPublics(_("publics visés"), help_text=_("Aucun coché : tous les publics."))
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="etapes",
        verbose_name=_("session parente (parcours, cohorte)"),
    )
    ordre = models.PositiveSmallIntegerField(
        _("ordre"), default=0, help_text=_("Rang de l'étape dans sa session parente.")
    )
    lien_inscription = models.URLField(
        _("lien d'inscription externe"),
        blank=True,
        help_text=_("Laissé vide, le bouton mène à la page du format."),
    )
    # UID iCalendar : stable quand la date change, pour que les agendas abonnés suivent.
    uid = models.CharField(
        _("UID iCalendar"), max_length=200, unique=True, null=True, blank=True, editable=False
    )
    version = models.PositiveIntegerField(_("version (SEQUENCE)"), default=1, editable=False)
    dates_modifiees_le = models.DateTimeField(
        _("date ou horaire modifié le"),
        null=True,
        blank=True,
        help_text=_("Les inscrits reçoivent alors un e-mail avec la nouvelle date."),
    )
    annule_le = models.DateTimeField(
        _("annulée le"),
        null=True,
        blank=True,
        help_text=_("Les inscrits reçoivent alors un e-mail d'annulation."),
    )
    modifie_le = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["debut", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fin__gt=models.F("debut")),
                name="agenda_session_fin_apres_debut",
                violation_error_message=_("La fin doit être postérieure au début."),
            ),
        ]
        indexes = [models.Index(fields=["format", "statut", "debut"])]

    def __str__(self):
        return f"{self.titre} ({timezone.localtime(self.debut):%d/%m/%Y})"

    @property
    def uid_ical(self) -> str:
        return self.uid or f"session-{self.pk}@rameau"

    @property
    def est_passee(self) -> bool:
        return self.fin <= timezone.now()

    @property
    def est_annulee(self) -> bool:
        return self.statut == StatutSession.ANNULE

    @property
    def url(self) -> str:
        """Où s'inscrire : le lien externe, sinon la liste des sessions du format."""
        return self.lien_inscription or f"{self.format.get_absolute_url()}#sessions"


class Inscription(models.Model):
    """L'inscription d'une personne, avec ou sans compte, à une session."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="inscriptions", verbose_name=_("session")
    )
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inscriptions",
    )
    nom = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    profil = models.CharField(
        _("profil"), max_length=20, choices=Public.choices, default=Public.ASSOCIATION
    )
    consentement = models.BooleanField(_("consentement"), default=False)
    statut = models.CharField(
        _("statut"),
        max_length=20,
        choices=StatutInscription.choices,
        default=StatutInscription.CONFIRMEE,
    )
    relais = models.ForeignKey(
        "programme.Partenaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inscriptions_relayees",
        verbose_name=_("partenaire relais"),
    )
    origine = models.CharField(
        _("origine (relais)"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Premier relais de la visite (?relais=, utm_source ou site d'origine)."),
    )
    jeton = models.CharField(max_length=64, unique=True, default=nouveau_jeton, editable=False)
    cree_le = models.DateTimeField(_("inscrit le"), default=timezone.now)
    confirmee_le = models.DateTimeField(
        _("place confirmée le"),
        null=True,
        blank=True,
        help_text=_("Les rappels prévus avant ce moment ne sont pas envoyés."),
    )
    annulee_le = models.DateTimeField(_("annulée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["cree_le", "id"]
        constraints = [
            models.UniqueConstraint(
                "session", Lower("email"), name="agenda_inscription_unique_par_email"
            ),
        ]
        indexes = [models.Index(fields=["session", "statut", "cree_le"])]

    def __str__(self):
        return f"{self.nom} <{self.email}> — {self.session.titre}"

    def get_absolute_url(self):
        return reverse("agenda:inscription", args=[self.jeton])


class Presence(models.Model):
    """La présence d'un inscrit à une session (la sienne, ou une étape de son parcours)."""

    inscription = models.ForeignKey(Inscription, on_delete=models.CASCADE, related_name="presences")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="presences")
    present = models.BooleanField(_("présent"), default=True)
    marquee_le = models.DateTimeField(_("notée le"), default=timezone.now)
    marquee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notée par"),
    )

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(
                fields=["inscription", "session"], name="agenda_presence_unique"
            ),
        ]

    def __str__(self):
        return f"{self.inscription.nom} — {self.session.titre}"
