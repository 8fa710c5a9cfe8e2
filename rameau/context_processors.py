from .site import adresse


def site(request):
    """Valeurs communes à tous les gabarits."""
    return {"SITE_URL": adresse()}
