/* Page intégrée : annonce sa hauteur à la page du partenaire pour éviter l'ascenseur. */
(function () {
  "use strict";
  if (window.parent === window) { return; }
  var derniere = 0;
  function annoncer() {
    var hauteur = Math.ceil(document.documentElement.scrollHeight);
    if (hauteur !== derniere) {
      derniere = hauteur;
      // La hauteur n'a rien de confidentiel ; le widget vérifie l'origine de l'émetteur.
      window.parent.postMessage({ type: "rameau-webinaires:hauteur", hauteur: hauteur }, "*");
    }
  }
  window.addEventListener("load", annoncer);
  window.addEventListener("resize", annoncer);
  if (window.ResizeObserver) { new ResizeObserver(annoncer).observe(document.body); }
  annoncer();
})();
