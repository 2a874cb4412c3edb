/**
 * The window only ever shows the bundled renderer's index page (a hash or query may change):
 * any other navigation — a link, a redirect, a script setting location — is refused.
 */
export function isAllowedNavigation(url: string, rendererIndexUrl: string): boolean {
  try {
    const target = new URL(url);
    const index = new URL(rendererIndexUrl);
    return target.protocol === 'file:' && target.pathname === index.pathname && target.host === index.host;
  } catch {
    return false;
  }
}

/**
 * A window the renderer may open: only a document it made itself (a Z report's PDF as a blob of
 * the renderer's own page) — shown by Chromium's PDF viewer, never a web page.
 */
export function isOwnDocumentWindow(url: string, rendererIndexUrl: string): boolean {
  if (!url.startsWith('blob:')) return false;
  try {
    // A blob URL carries its creator's origin: "blob:file:///<uuid>" for the bundled renderer.
    const inner = new URL(url.slice('blob:'.length));
    return inner.protocol === 'file:' && inner.host === new URL(rendererIndexUrl).host && /^\/[0-9a-f-]{36}$/i.test(inner.pathname);
  } catch {
    return false;
  }
}
