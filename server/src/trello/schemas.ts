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

/** `POST /1/cards/{id}/idLabels` answers with the card's label ids after the add: a plain `["…"]`. */
export const CardLabelIdsSchema = z.array(z.string());

/** `DELETE /1/cards/{id}/idLabels/{idLabel}` answers `{ "_value": null }` (older answers: the remaining ids). */
export const LabelRemovedSchema = z.union([z.array(z.string()), z.looseObject({ _value: z.null() })]);

/** What the label reconciliation reads of a board (notify, docs/operations.md): its labels and open cards' label ids. */
export const BoardLabelsSchema = z.looseObject({
  id: z.string(),
  labels: z.array(z.looseObject({ id: z.string(), name: z.string().nullish(), color: z.string().nullish() })).nullish(),
  cards: z.array(z.looseObject({ id: z.string(), closed: z.boolean().nullish(), idLabels: z.array(z.string()).nullish() })),
});
export type BoardLabels = z.infer<typeof BoardLabelsSchema>;

/** A checklist as `POST /1/cards/{id}/checklists` answers it (docs/trello.md §7a). */
export const ChecklistSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  idCard: z.string().optional(),
  checkItems: z.array(z.looseObject({ id: z.string(), name: z.string().default(''), state: z.string().default('incomplete') })).default([]),
});

/** A new card as `POST /1/cards` answers it (the fields Nabız reads; Trello sends the whole card). */
export const CreatedCardSchema = z.looseObject({ id: z.string(), name: z.string().default(''), idList: z.string(), idBoard: z.string().optional() });

/** A check item as `POST /1/checklists/{id}/checkItems` answers it. */
export const CheckItemSchema = z.looseObject({ id: z.string(), name: z.string().default(''), state: z.string().default('incomplete') });
