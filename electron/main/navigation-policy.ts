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
