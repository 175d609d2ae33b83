// The page's HTML: a shell the script (client/) fills with one view at a time. No inline script or style
// (the Content-Security-Policy forbids both); the script is deferred, so it runs once the DOM is parsed.
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>midi-pipeline</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main" data-skip>Skip to content</a>
<header class="site-header">
  <a class="brand" href="#/">midi-pipeline</a>
  <nav aria-label="Views">
    <ul>
      <li><a href="#/" data-nav="analyze">Analyse a file</a></li>
      <li><a href="#/library" data-nav="library">Library</a></li>
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1">
  <noscript><p>This page needs JavaScript. The HTTP API it uses is described at <a href="/openapi.json">/openapi.json</a>.</p></noscript>
</main>
<footer class="site-footer">
  <p>Files are analysed on this server; nothing is sent anywhere else. <a href="/openapi.json">HTTP API (OpenAPI)</a></p>
</footer>
</body>
</html>
`;
