/** The two IPC channels between preload and main; everything else is data on them. */
export const INVOKE_CHANNEL = 'pos:invoke';
export const EVENT_CHANNEL = 'pos:event';
