import { api, isChannel, type Channel, type Output, type ParsedInput } from '../contract/api.js';
import type { PosError, Wire } from '../contract/errors.js';
import type { CallContext } from '../usecases/context.js';

export type Handler<C extends Channel> = (input: ParsedInput<C>, ctx: CallContext) => Output<C> | Promise<Output<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface DispatchOptions {
  /** A fresh context for each call: the actor, the time, the settings read once. */
  context(): CallContext;
  /** The contract error for what a handler threw, or null for an unexpected one. */
  contractError(error: unknown): PosError | null;
  /** Parse every output against its schema too: on in tests and development to catch contract drift. */
  checkOutputs?: boolean;
  /** Where unexpected errors go; the caller only ever sees the code `internal`. */
  logError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: string, raw: unknown) => Promise<Wire<unknown>>;

/**
 * The one entry to the core, with no transport in it: Electron IPC and the browser-mode host
 * both call this. Unknown channels and invalid input are rejected before any use case runs;
 * every handler gets the call's context; every failure comes back as a value with a code, never
 * as a thrown error.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  return async (channel, raw) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'unknown_channel', message: `unknown channel ${channel}` } };
    }
    const schema = api[channel];
    const parsed = schema.input.safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'invalid input',
          details: { field: issue?.path.join('.') ?? '' },
        },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, options.context());
      if (options.checkOutputs) schema.output.parse(value);
      return { ok: true, value };
    } catch (error) {
      const known = options.contractError(error);
      if (known) {
        return {
          ok: false,
          error: { code: known.code, message: known.message, ...(known.details ? { details: known.details } : {}) },
        };
      }
      options.logError?.(channel, error);
      return { ok: false, error: { code: 'internal', message: 'internal error' } };
    }
  };
}
