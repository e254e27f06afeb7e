// Starts Swagger UI on /api/docs. A file of its own, not an inline <script>: the pages' Content
// Security Policy allows only the app's own script files. The page says where the OpenAPI
// document is (data-openapi-url), so nothing here names a host.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    // Off: it would send the schema to validator.swagger.io and load a badge from there.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
