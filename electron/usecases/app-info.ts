import type { AppInfo } from '../contract/api.js';
import type { CallContext } from './context.js';
import type { ShopConfig } from './ports.js';

/** What the screen shows about the till itself: the shop, the till and the time zone as set now. */
export function appUseCases(app: { version: string; uiLocale: string; shop: ShopConfig }) {
  return {
    'app.info': (_: unknown, ctx: CallContext): AppInfo => ({
      version: app.version,
      locale: app.uiLocale,
      currency: app.shop.currency,
      shopName: ctx.settings.shopName,
      tillName: ctx.settings.tillName,
      timeZone: ctx.settings.timeZone,
    }),
  };
}
