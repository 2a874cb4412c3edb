import { z } from 'zod';

/** The uploader as the sync screen shows it: what waits, what was set aside and why, the ledger's health. */
export const LedgerStatusView = z.object({
  /** The ledger posted to ("hledger-web http://127.0.0.1:5077"); null: none set. */
  connector: z.string().nullable(),
  pending: z.number().int().nonnegative(),
  /** Sent with no answer: looked up by key before anything is sent again. */
  inDoubt: z.number().int().nonnegative(),
  oldestPendingAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The ledger takes an API key or token (B1.lt, Directo)… */
  needsSecret: z.boolean(),
  /** …and one is set (it is never sent to the screen). */
  secretSet: z.boolean(),
  /** Documents the ledger will not take as they are: a person looks, then retries them. */
  parked: z.array(z.object({ entryId: z.string(), key: z.string(), type: z.string(), number: z.string(), error: z.string(), createdAt: z.string() })),
});
export type LedgerStatusView = z.infer<typeof LedgerStatusView>;
