import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isOwnDocumentWindow } from '../../electron/main/navigation-policy.js';

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

describe('the one window the renderer may open: a document it made itself', () => {
  it.each([
    ['blob:file:///3f2b8c1e-9d4a-4c1b-8a7e-2d5f6b9c0e11', true],
    ['blob:https://evil.example/3f2b8c1e-9d4a-4c1b-8a7e-2d5f6b9c0e11', false],
    ['blob:file://evil-host/3f2b8c1e-9d4a-4c1b-8a7e-2d5f6b9c0e11', false],
    ['blob:file:///etc/passwd', false],
    ['file:///tmp/Z-000001.pdf', false],
    ['https://evil.example/', false],
    ['blob:not a url', false],
  ])('%s → %s', (url, allowed) => expect(isOwnDocumentWindow(url, INDEX)).toBe(allowed));
});
