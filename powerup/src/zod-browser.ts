// Browser bundles only (build.ts aliases `zod` to this file for imports from shared/): the same zod schemas,
// but `z` is a plain object of the builders shared/ uses, so esbuild drops the rest of zod (all 40+ locales,
// JSON schema, ISO helpers…). The connector went from 105 KB to the size `npm run bench` prints.
export { array, boolean, literal, looseObject, number, object, record, string, unknown, ZodError } from 'zod';
import { array, boolean, enum as zEnum, literal, looseObject, number, object, record, string, unknown, ZodError } from 'zod';

export const z = { array, boolean, enum: zEnum, literal, looseObject, number, object, record, string, unknown, ZodError };
