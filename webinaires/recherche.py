"""Indexeur de recherche des webinaires publiés (avec leurs quatre temps, leurs intervenants
et la mention du replay), déclaré auprès du registre de ``ressources``."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressources.recherche import Document, indexeur

from . import selectors
from .models import Sequence


def _documents(ids):
    # Titre, date et statut vivent sur la session d'agenda du webinaire.
    webinaires = selectors.publies().prefetch_related(
        Prefetch("sequences", queryset=Sequence.objects.prefetch_related("intervenants")),
        "modeles",
        "formats",
    )
    if ids is not None:
        webinaires = webinaires.filter(pk__in=[i for i in ids if i.isdigit()])
    for webinaire in webinaires:
        sequences = list(webinaire.sequences.all())
        intervenants = {i for s in sequences for i in s.intervenants.all()}
        texte = [webinaire.theme, webinaire.resume]
        texte += [f"{s.get_temps_display()} : {s.titre}\n{s.contenu}" for s in sequences]
        texte += [titre for titre, _adresse in webinaire.liste_ressources]
        if webinaire.lien_replay:
            texte.append(str(_("Replay disponible")))
        yield Document(
            objet_id=webinaire.pk,
            titre=webinaire.titre,
            url=webinaire.get_absolute_url(),
            texte="\n".join(t for t in texte if t),
            noms=[i.nom for i in intervenants] + [i.organisation for i in intervenants],
            modeles=[m.code for m in webinaire.modeles.all()],
            formats=["webinaires", *(f.slug for f in webinaire.formats.all())],
            annee=timezone.localtime(webinaire.debut).year,
        )


def _webinaires_de_l_intervenant(intervenant):
    return Sequence.objects.filter(intervenants=intervenant).values_list("webinaire_id", flat=True)


indexeur(
    genre="webinaire",
    libelle=_("Webinaires"),
    modele="webinaires.webinaire",
    documents=_documents,
    declencheurs={
        "webinaires.sequence": lambda sequence: [sequence.webinaire_id],
        "webinaires.intervenant": _webinaires_de_l_intervenant,
        "agenda.session": lambda session: (
            [str(session.webinaire.pk)] if hasattr(session, "webinaire") else []
        ),
    },
    ordre=40,
)
