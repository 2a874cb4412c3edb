import { z } from 'zod';

/** The options a connection string may carry (after `?`), one zod schema per device and form. */

/** One list for every serial device. */
export const BAUD_RATES: readonly number[] = Object.freeze([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400]);
export const PARITIES = ['none', 'even', 'odd'] as const;
export const FLOWS = ['none', 'rtscts', 'xonxoff'] as const;
export const LINKS = ['pty', 'memory', 'tcp'] as const;
export type SerialParity = (typeof PARITIES)[number];
export type SerialFlow = (typeof FLOWS)[number];
export type SimLink = (typeof LINKS)[number];

const baudOption = z
  .string()
  .regex(/^\d+$/)
  .transform(Number)
  .refine((n) => BAUD_RATES.includes(n));
const choice = <T extends string>(values: readonly [T, ...T[]]) => z.string().toLowerCase().pipe(z.enum(values));

function buildOptionSchemas(knownProfiles: readonly string[] | undefined) {
  const profile = z
    .string()
    .min(1)
    .refine((id) => knownProfiles === undefined || knownProfiles.includes(id));
  const serial = { baud: baudOption.optional(), parity: choice(PARITIES).optional(), flow: choice(FLOWS).optional() };
  const link = choice(LINKS).optional();
  return {
    printer: {
      serial: z.strictObject({ ...serial, profile: profile.optional() }),
      tcp: z.strictObject({ profile: profile.optional() }),
      sim: z.strictObject({ profile: profile.optional(), link }),
    },
    terminal: {
      serial: z.strictObject({ baud: serial.baud }),
      tcp: z.strictObject({}),
      sim: z.strictObject({ link }),
    },
    fiscal: {
      serial: z.strictObject({ baud: serial.baud }),
      sim: z.strictObject({ link }),
    },
    bare: z.strictObject({}),
  };
}

type OptionSchemas = ReturnType<typeof buildOptionSchemas>;
const defaultSchemas = buildOptionSchemas(undefined);
const schemasByProfiles = new WeakMap<readonly string[], OptionSchemas>();

/** The schemas for a knownProfiles list: built once per list object, which they read live. */
export function optionSchemas(knownProfiles: readonly string[] | undefined): OptionSchemas {
  if (knownProfiles === undefined) return defaultSchemas;
  let schemas = schemasByProfiles.get(knownProfiles);
  if (!schemas) schemasByProfiles.set(knownProfiles, (schemas = buildOptionSchemas(knownProfiles)));
  return schemas;
}

/** What the options may say, after the schema: every field optional. */
export interface Options {
  baud?: number;
  parity?: SerialParity;
  flow?: SerialFlow;
  profile?: string;
  link?: SimLink;
}

