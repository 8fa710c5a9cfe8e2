/* Widget Le RAMEAU : insère le cycle de webinaires dans la page d'un partenaire.
 * Usage : <div data-rameau-webinaires data-partenaire="code"></div>
 *         <script src="https://…/embed/widget.js" async></script>
 * Option : data-webinaire="slug" pour un seul webinaire. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var origine = new URL(script.src).origin;
  var cadres = [];

  function inserer(conteneur) {
    if (conteneur.getAttribute("data-rameau-pret")) { return; }
    conteneur.setAttribute("data-rameau-pret", "1");
    var code = conteneur.getAttribute("data-partenaire") || "";
    var slug = conteneur.getAttribute("data-webinaire");
    var chemin = "/embed/webinaires/" + (slug ? encodeURIComponent(slug) + "/" : "");
    var cadre = document.createElement("iframe");
    cadre.src = origine + chemin + "?partenaire=" + encodeURIComponent(code);
    cadre.title = conteneur.getAttribute("data-titre") || "Webinaires Le RAMEAU";
    cadre.loading = "lazy";
    cadre.width = "100%";
    cadre.height = "400";
    cadre.setAttribute("frameborder", "0");
    cadre.className = "rameau-webinaires";
    conteneur.appendChild(cadre);
    cadres.push(cadre);
  }

  window.addEventListener("message", function (evenement) {
    // Seules les pages de la plateforme peuvent redimensionner leur propre cadre.
    if (evenement.origin !== origine) { return; }
    var donnees = evenement.data;
    if (!donnees || donnees.type !== "rameau-webinaires:hauteur") { return; }
    var hauteur = parseInt(donnees.hauteur, 10);
    if (!(hauteur > 0 && hauteur < 20000)) { return; }
    cadres.forEach(function (cadre) {
      if (cadre.contentWindow === evenement.source) { cadre.height = String(hauteur); }
    });
  });

  function tout() {
    var elements = document.querySelectorAll("[data-rameau-webinaires]");
    for (var i = 0; i < elements.length; i++) { inserer(elements[i]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", tout);
  } else {
    tout();
  }
})();
