// The API page (/api-docs.html): Swagger UI on the gateway's own OpenAPI description. A file, not an
// inline script, so the page's Content-Security-Policy can say script-src 'self' and nothing more.
window.ui = SwaggerUIBundle({
  url: "/openapi.yaml",
  dom_id: "#swagger-ui",
  // No call to the public validator at swagger.io: the page talks to this gateway only.
  validatorUrl: null,
  // "Try it out" sends the key given in "Authorize" (partnerKey: Authorization: Bearer wgp_...).
  // Kept in this tab's memory only: a key is never written to the browser's storage.
  persistAuthorization: false,
  deepLinking: true,
  tryItOutEnabled: false,
});
