import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from '../../electron/main/navigation-policy.js';

const INDEX = 'file:///opt/the-till/resources/app.asar/renderer/dist/index.html';

describe('the Electron window only ever shows the bundled renderer', () => {
  it.each([
    [INDEX, true],
    [`${INDEX}#token=x`, true],
    [`${INDEX}?lang=et`, true],
    ['file:///opt/the-till/resources/app.asar/renderer/dist/other.html', false],
    ['file:///etc/passwd', false],
    ['file:///tmp/x/renderer/dist/index.html', false],
    ['file://evil-host/opt/the-till/resources/app.asar/renderer/dist/index.html', false],
    ['https://evil.example/opt/the-till/resources/app.asar/renderer/dist/index.html', false],
    ['http://127.0.0.1:8080/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => expect(isAllowedNavigation(url, INDEX)).toBe(allowed));
});
