from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programme.models import lignes

from .enums import Temps


class Cycle(models.Model):
    """Cycle annuel de webinaires mensuels ; porte aussi les délais des envois (éditables)."""

    titre = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    debut = models.DateField(_("premier mois"), help_text=_("Premier jour du premier mois."))
    fin = models.DateField(_("dernier mois"), help_text=_("Premier jour du dernier mois."))
    delai_annonce = models.DurationField(
        _("annonce aux abonnés, avant le webinaire"), default=timedelta(days=7)
    )
    delai_rappel_veille = models.DurationField(
        _("rappel de la veille, avant le webinaire"), default=timedelta(days=1)
    )
    delai_rappel_heure = models.DurationField(
        _("rappel de dernière minute, avant le webinaire"), default=timedelta(hours=1)
    )
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("cycle de webinaires")
        verbose_name_plural = _("cycles de webinaires")
        ordering = ["-debut"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fin__gte=models.F("debut")),
                name="cycle_fin_apres_debut",
                violation_error_message=_("Le dernier mois ne peut pas précéder le premier."),
            )
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("webinaires:liste")


class Intervenant(models.Model):
    nom = models.CharField(_("nom"), max_length=150)
    role = models.CharField(_("rôle"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    photo = models.ImageField(_("photo"), upload_to="webinaires/intervenants/", blank=True)

    class Meta:
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
        ordering = ["nom"]

    def __str__(self):
        return f"{self.nom} ({self.organisation})" if self.organisation else self.nom


class Webinaire(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="webinaires")
    mois = models.DateField(
        _("mois du cycle"),
        help_text=_(
            "Premier jour du mois du cycle auquel ce webinaire appartient (un seul webinaire "
            "par mois, tous cycles confondus) ; la date peut être déplacée."
        ),
    )
    slug = models.SlugField(unique=True, max_length=80)
    # Date, horaire, statut, capacité, lien de connexion, titre : ceux de sa session d'agenda.
    session = models.OneToOneField(
        "agenda.Session",
        on_delete=models.CASCADE,
        related_name="webinaire",
        verbose_name=_("session"),
    )
    theme = models.CharField(_("thème"), max_length=200, blank=True)
    resume = models.TextField(_("résumé"), blank=True)
    lien_replay = models.URLField(_("lien du replay"), blank=True)
    replay_publie_le = models.DateTimeField(
        _("replay publié le"),
        null=True,
        blank=True,
        help_text=_("Renseigné automatiquement quand le replay est ajouté ; déclenche l'envoi."),
    )
    ressources = models.TextField(
        _("ressources"), blank=True, help_text=_("Une ressource par ligne : « titre | adresse ».")
    )
    partenaires = models.ManyToManyField(
        "programme.Partenaire",
        blank=True,
        related_name="webinaires",
        verbose_name=_("partenaires co-constructeurs"),
    )
    programmes_recherche = models.ManyToManyField(
        "programme.ProgrammeRecherche",
        blank=True,
        related_name="webinaires",
        verbose_name=_("programmes de recherche associés"),
    )
    modeles = models.ManyToManyField(
        "programme.ModeleSocioEconomique",
        blank=True,
        related_name="webinaires",
        verbose_name=_("modèles abordés"),
    )
    formats = models.ManyToManyField(
        "programme.Format",
        blank=True,
        related_name="webinaires",
        verbose_name=_("formats associés"),
    )

    class Meta:
        verbose_name = _("webinaire")
        verbose_name_plural = _("webinaires")
        ordering = ["session__debut"]
        constraints = [
            # Un mois n'a qu'un webinaire, quel que soit le cycle (octobre est à la fois la fin
            # d'un cycle et le début du suivant).
            models.UniqueConstraint(
                fields=["mois"],
                name="webinaire_un_par_mois_tous_cycles",
                violation_error_message=_(
                    "Ce mois a déjà son webinaire (un seul par mois, tous cycles confondus) : "
                    "déplacez la date de celui-ci plutôt que d'en créer un second."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(mois__day=1),
                name="webinaire_mois_premier_jour",
                violation_error_message=_(
                    "Le mois du cycle s'indique par son premier jour (par exemple 01/12/2026)."
                ),
            ),
        ]

    def __str__(self):
        return str(self.session)

    def get_absolute_url(self):
        return reverse("webinaires:detail", args=[self.slug])

    # Lecture de la session (chargée avec ``select_related("session")``) pour les gabarits.
    titre = property(lambda self: self.session.titre)
    debut = property(lambda self: self.session.debut)
    fin = property(lambda self: self.session.fin)
    statut = property(lambda self: self.session.statut)
    capacite = property(lambda self: self.session.capacite)
    lien_visio = property(lambda self: self.session.lien_visio)
    version = property(lambda self: self.session.version)
    dates_modifiees_le = property(lambda self: self.session.dates_modifiees_le)
    annule_le = property(lambda self: self.session.annule_le)

    @property
    def est_passe(self) -> bool:
        return self.session.est_passee

    @property
    def liste_ressources(self) -> list[tuple[str, str]]:
        resultat = []
        for ligne in lignes(self.ressources):
            titre, _sep, adresse = ligne.partition("|")
            resultat.append((titre.strip(), adresse.strip()))
        return resultat


class Sequence(models.Model):
    """Un des quatre temps du déroulé d'un webinaire."""

    webinaire = models.ForeignKey(Webinaire, on_delete=models.CASCADE, related_name="sequences")
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=1)
    temps = models.CharField(_("temps"), max_length=20, choices=Temps.choices)
    titre = models.CharField(_("titre"), max_length=200, blank=True)
    contenu = models.TextField(_("contenu"), blank=True)
    duree_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=20)
    intervenants = models.ManyToManyField(
        Intervenant, blank=True, related_name="sequences", verbose_name=_("intervenants")
    )

    class Meta:
        verbose_name = _("temps du webinaire")
        verbose_name_plural = _("les 4 temps du webinaire")
        ordering = ["webinaire", "ordre"]
        constraints = [
            models.UniqueConstraint(fields=["webinaire", "temps"], name="sequence_temps_unique"),
        ]

    def __str__(self):
        return (
            f"{self.get_temps_display()} — {self.titre}" if self.titre else self.get_temps_display()
        )
