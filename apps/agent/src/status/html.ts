/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * A complete page with the shared style. With `refreshMs`, `/status.js` updates the figures in
 * place every `refreshMs` (never reloading the page, which would drop a selection being copied).
 */
export function layout(title: string, body: string, refreshMs?: number): string {
  const live = refreshMs === undefined ? "" : ` data-refresh-ms="${refreshMs}"`;
  const script = refreshMs === undefined ? "" : `<script src="/status.js" defer></script>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title>${script}
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #dde;padding:.35rem .5rem;text-align:left;vertical-align:top}
.ok{color:#126b2f}.bad{color:#a3160e}.muted{color:#667}pre{white-space:pre-wrap;background:#f5f6f8;padding:1rem}
nav a{margin-right:.8rem}nav a.current{font-weight:bold;text-decoration:none;color:inherit}
</style></head><body${live}>${body}</body></html>`;
}
