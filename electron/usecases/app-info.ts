import type { AppInfo } from '../contract/api.js';
import type { ShopConfig } from './ports.js';

/** What the screen shows about the till itself. */
export function appUseCases(app: { version: string; uiLocale: string; shop: ShopConfig }) {
  return {
    'app.info': (): AppInfo => ({
      version: app.version,
      locale: app.uiLocale,
      currency: app.shop.currency,
      shopName: app.shop.shopName,
      tillName: app.shop.tillName,
    }),
  };
}
