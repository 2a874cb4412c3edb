/** The window only ever shows the bundled renderer: any other navigation is refused. */
export function isAllowedNavigation(url: string): boolean {
  try {
    return new URL(url).protocol === 'file:' && url.includes('/renderer/dist/');
  } catch {
    return false;
  }
}
