// Starts Swagger UI on /docs from a static file (the CSP forbids inline script).
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("swagger-ui");
  SwaggerUIBundle({ url: holder.dataset.url, dom_id: "#swagger-ui" });
});
