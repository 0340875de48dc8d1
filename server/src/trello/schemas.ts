// zod schemas of the REST responses the client reads that are not board/action shapes
// (those come from shared/trello-export.ts so scan and audit read Trello the same way).
import { z } from 'zod';

export const WebhookSchema = z.looseObject({
  id: z.string(),
  description: z.string().optional().default(''),
  idModel: z.string(),
  callbackURL: z.string(),
  active: z.boolean().optional().default(true),
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const LabelSchema = z.looseObject({
  id: z.string(),
  idBoard: z.string().optional(),
  name: z.string().default(''),
  color: z.string().nullable().default(null),
});
export type Label = z.infer<typeof LabelSchema>;

/** GET /1/batch answers one object per URL keyed by its status code: `[{ "200": {…} }, { "404": "…" }]`. */
export const BatchSchema = z.array(z.record(z.string(), z.unknown()));

/** Any JSON object (writes whose body we do not use beyond its id). */
export const AnyObjectSchema = z.looseObject({ id: z.string().optional() });

/** Label add/remove answers: the card's label ids (`["…"]`), or `{ _value: null }` on removal. */
export const LabelIdsSchema = z.union([z.array(z.string()), z.array(LabelSchema), z.looseObject({})]);
