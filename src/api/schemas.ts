/**
 * @module api/schemas
 * The API's contract as zod schemas: query parameters and request bodies are validated with
 * them, and the OpenAPI description (api/openapi.ts) is generated from the same objects, so
 * the document cannot drift from what the server accepts. Response schemas are checked
 * against real responses in the API tests for the same reason.
 */
import { z } from 'zod/v4';
import { EVENT_TYPES } from '../types.ts';
import type { EventFilter, EventSort, PageRequest } from '../store/store.ts';
import { DEFAULT_TOTAL_CAP, MAX_TOTAL_CAP } from '../store/store.ts';
import { EXPORT_FORMATS } from '../export/index.ts';

/** Response schemas named in the OpenAPI `components` (converted as output types). */
export const API_REGISTRY = z.registry<{ id: string; description?: string }>();
/** Request body schemas named in the OpenAPI `components` (converted as input types). */
export const BODY_REGISTRY = z.registry<{ id: string; description?: string }>();

const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as [keyof typeof EVENT_TYPES, ...(keyof typeof EVENT_TYPES)[]];
const ALL_SUB_TYPES = [...new Set(Object.values(EVENT_TYPES).flat())] as [string, ...string[]];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const shortText = z.string().trim().min(1).max(200);
/** List-valued query parameters: comma-separated and/or repeated (`types=A,B&types=C`). */
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(50);

export const EventTypeSchema = z.enum(EVENT_TYPE_NAMES);
export const SubTypeSchema = z.enum(ALL_SUB_TYPES);
export const EVENT_SORTS = ['date_desc', 'date_asc', 'fatalities_desc', 'id_asc'] as const satisfies readonly EventSort[];
export const COUNT_GROUPS = ['day', 'month', 'type', 'sub_type', 'admin1', 'country', 'source'] as const;

/** Event filters shared by /api/events, /api/stats, /api/export and saved alerts. */
export const FilterShape = {
  from: isoDay.optional().describe('inclusive start: events whose date range overlaps [from, to]'),
  to: isoDay.optional().describe('inclusive end'),
  types: list(EventTypeSchema).optional().describe('event types (comma-separated)'),
  sub_types: list(SubTypeSchema).optional().describe('sub-event types (comma-separated)'),
  actors: list(z.string().regex(/^[\p{L}\p{N}_-]{1,80}$/u, 'expected an actor id (slug)')).optional()
    .describe('actor ids as actor1, actor2 or associated actor'),
  actor: shortText.optional().describe('free text matched against actor names and texts'),
  admin1: list(shortText).optional(),
  admin2: list(shortText).optional(),
  country: list(z.string().regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')).optional(),
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'expected minLon,minLat,maxLon,maxLat')
    .optional()
    .describe('minLon,minLat,maxLon,maxLat'),
  q: shortText.optional().describe('Arabic full-text search over evidence, places and actors'),
  min_fatalities: z.coerce.number().int().min(0).optional(),
  source: list(shortText).optional().describe('outlet names'),
  review: z.enum(['confirmed', 'rejected', 'unreviewed', 'any']).optional()
    .describe('review state; rejected events are hidden unless asked for'),
};
export const FilterQuerySchema = z.object(FilterShape).strict();
export type FilterQuery = z.infer<typeof FilterQuerySchema>;

/** Query of GET /api/events. */
export const EventsQuerySchema = z
  .object({
    ...FilterShape,
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
    cursor: z.string().max(500).optional().describe('next_cursor of the previous page (faster than offset)'),
    sort: z.enum(EVENT_SORTS).default('date_desc'),
    total_cap: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_TOTAL_CAP)
      .optional()
      .describe(`count matches exactly up to this many (default ${DEFAULT_TOTAL_CAP}); beyond it total is approximate and total_is_exact is false`),
  })
  .strict();
export type EventsQuery = z.infer<typeof EventsQuerySchema>;

export const StatsQuerySchema = z.object({ ...FilterShape, group_by: z.enum(COUNT_GROUPS).default('day') }).strict();

export const SearchQuerySchema = z
  .object({ q: shortText, limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict();

export { EXPORT_FORMATS };
export const ExportQuerySchema = z.object({ ...FilterShape, format: z.enum(EXPORT_FORMATS) }).strict();

export const DocumentQuerySchema = z
  .object({ raw: z.enum(['0', '1']).optional().describe('1: include the raw body as fetched') })
  .strict();

/** Names of list-valued query parameters (split on commas, repeatable). */
export const LIST_PARAMS: ReadonlySet<string> = new Set(
  Object.entries(FilterShape)
    .filter(([, s]) => unwrapOptional(s) instanceof z.ZodArray)
    .map(([k]) => k),
);

function unwrapOptional(s: z.ZodType): z.ZodType {
  return s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s;
}

/** Converts validated API filter parameters to the store's filter. */
export function toStoreFilter(q: Partial<FilterQuery>): EventFilter {
  const f: EventFilter = {};
  if (q.from) f.from = q.from;
  if (q.to) f.to = q.to;
  if (q.types) f.types = q.types;
  if (q.sub_types) f.subTypes = q.sub_types;
  if (q.actors) f.actors = q.actors;
  if (q.actor) f.actorText = q.actor;
  if (q.admin1) f.admin1 = q.admin1;
  if (q.admin2) f.admin2 = q.admin2;
  if (q.country) f.countries = q.country.map((c) => c.toUpperCase());
  if (q.bbox) f.bbox = q.bbox.split(',').map(Number) as [number, number, number, number];
  if (q.q) f.text = q.q;
  if (q.min_fatalities != null) f.minFatalities = q.min_fatalities;
  if (q.source) f.sources = q.source;
  if (q.review) f.review = q.review;
  return f;
}

/** The page part of GET /api/events for the store. */
export function toPageRequest(q: EventsQuery): PageRequest {
  return { limit: q.limit, offset: q.cursor ? undefined : q.offset, cursor: q.cursor ?? null, sort: q.sort, withTotal: true, ...(q.total_cap ? { totalCap: q.total_cap } : {}) };
}

/** Store filter → API filter parameters (alerts are stored with the store's filter). */
export function fromStoreFilter(f: EventFilter): Partial<FilterQuery> {
  const q: Partial<FilterQuery> = {};
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.types) q.types = f.types as FilterQuery['types'];
  if (f.subTypes) q.sub_types = f.subTypes as FilterQuery['sub_types'];
  if (f.actors) q.actors = f.actors;
  if (f.actorText) q.actor = f.actorText;
  if (f.admin1) q.admin1 = f.admin1;
  if (f.admin2) q.admin2 = f.admin2;
  if (f.countries) q.country = f.countries;
  if (f.bbox) q.bbox = f.bbox.join(',');
  if (f.text) q.q = f.text;
  if (f.minFatalities != null) q.min_fatalities = f.minFatalities;
  if (f.sources) q.source = f.sources;
  if (f.review) q.review = f.review;
  return q;
}

// ---- request bodies ------------------------------------------------------------------------

/** One input document (SPEC section 1). */
export const DocumentInputSchema = z
  .object({
    id: z.string().trim().min(1).max(200),
    text: z.string().max(2_000_000).optional(),
    html: z.string().max(5_000_000).optional(),
    title: z.string().max(1000).optional(),
    published: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected YYYY-MM-DD or an ISO-8601 date-time')
      .optional(),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    source: z.string().trim().min(1).max(200).optional(),
  })
  .refine((d) => (d.text != null && d.text.trim() !== '') || (d.html != null && d.html.trim() !== ''), {
    message: 'a document needs text or html',
    path: ['text'],
  });
BODY_REGISTRY.add(DocumentInputSchema, { id: 'DocumentInput', description: 'One input document (SPEC section 1).' });

export const MAX_BATCH = 100;
export const IngestBodySchema = z.union([
  DocumentInputSchema,
  z.object({ documents: z.array(DocumentInputSchema).min(1).max(MAX_BATCH) }).strict(),
]);
BODY_REGISTRY.add(IngestBodySchema, { id: 'IngestBody', description: `One document, or {documents: [...]} with at most ${MAX_BATCH}.` });

export const ReviewBodySchema = z.object({ status: z.enum(['confirmed', 'rejected']) }).strict();
BODY_REGISTRY.add(ReviewBodySchema, { id: 'ReviewBody' });

/** Fields an analyst may correct, each with the shape its new value must have. */
const nullableCount = z.number().int().min(0).max(1_000_000).nullable();
const nullableText = z.string().trim().min(1).max(300).nullable();
const ActorValueSchema = z.union([
  z.object({
    id: z.string().min(1).max(80),
    name: z.string().min(1).max(300),
    name_ar: z.string().max(300).default(''),
    text: z.string().max(300).default(''),
  }),
  z.string().trim().min(1).max(300),
]);
export const CORRECTABLE_FIELDS = {
  event_type: EventTypeSchema,
  sub_event_type: SubTypeSchema,
  'date.start': isoDay.nullable(),
  'date.end': isoDay.nullable(),
  'date.precision': z.enum(['day', 'range', 'week', 'month', 'year', 'unknown']),
  'location.name': nullableText,
  'location.name_ar': nullableText,
  'location.admin1': nullableText,
  'location.admin2': nullableText,
  'location.country': z.string().regex(/^[A-Z]{2}$/).nullable(),
  'location.lat': z.number().min(-90).max(90).nullable(),
  'location.lon': z.number().min(-180).max(180).nullable(),
  'location.geo_precision': z.union([z.literal(1), z.literal(2), z.literal(3)]),
  location: z.null(),
  actor1: ActorValueSchema.nullable(),
  actor2: ActorValueSchema.nullable(),
  fatalities: nullableCount,
  injured: nullableCount,
  detained: nullableCount,
  displaced: nullableCount,
  hours: z.object({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }).nullable(),
} as const;
export type CorrectableField = keyof typeof CORRECTABLE_FIELDS;
export const CORRECTABLE_FIELD_NAMES = Object.keys(CORRECTABLE_FIELDS) as [CorrectableField, ...CorrectableField[]];

export const CorrectionBodySchema = z
  .object({
    field: z.enum(CORRECTABLE_FIELD_NAMES),
    value: z.unknown().describe('the new value; its shape depends on the field'),
    note: z.string().max(2000).optional(),
    sub_event_type: SubTypeSchema.optional().describe('with field event_type: the sub-type under the new type'),
  })
  .strict();
BODY_REGISTRY.add(CorrectionBodySchema, {
  id: 'CorrectionBody',
  description: 'value by field: event_type/sub_event_type: names from /api/meta; date.*: YYYY-MM-DD or null; counts: integer ≥ 0 or null; actor1/actor2: an Actor, a name, or null; location.lat/lon: number or null; location: null to drop it.',
});

export const AlertBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    filter: z.object(FilterShape).strict().default({}),
    webhook_url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
  })
  .strict();
BODY_REGISTRY.add(AlertBodySchema, { id: 'AlertBody', description: 'filter: the same parameters as GET /api/events (lists as arrays or comma-separated).' });

/** Alert body as received: list filters may be arrays or "A,B" strings (copied from a dashboard URL). */
export const AlertBodyInputSchema = z.preprocess((v) => {
  if (!v || typeof v !== 'object' || !('filter' in v) || !v.filter || typeof v.filter !== 'object') return v;
  const filter: Record<string, unknown> = { ...(v.filter as Record<string, unknown>) };
  for (const k of LIST_PARAMS)
    if (typeof filter[k] === 'string')
      filter[k] = (filter[k] as string).split(',').map((s) => s.trim()).filter(Boolean);
  return { ...v, filter };
}, AlertBodySchema);

// ---- responses (documentation; checked against real responses in the tests) --------------

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
API_REGISTRY.add(ErrorSchema, { id: 'Error' });

const SpanSchema = z.object({ start: z.number().int(), end: z.number().int() });
API_REGISTRY.add(SpanSchema, { id: 'Span', description: 'Half-open [start, end) JavaScript string indices into a document text.' });

const ActorSchema = z.looseObject({ id: z.string(), name: z.string(), name_ar: z.string(), text: z.string() });
API_REGISTRY.add(ActorSchema, { id: 'Actor' });

const LocationSchema = z.looseObject({
  text: z.string(),
  name: z.string(),
  name_ar: z.string(),
  country: z.string().nullable(),
  admin1: z.string().nullable(),
  admin2: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  geo_precision: z.number().int(),
});
API_REGISTRY.add(LocationSchema, { id: 'Location' });

const EventDateSchema = z.object({
  start: z.string().nullable(),
  end: z.string().nullable(),
  precision: z.string(),
  text: z.string().nullable(),
});

const EventFieldsShape = {
  event_type: z.string(),
  sub_event_type: z.string(),
  date: EventDateSchema,
  location: LocationSchema.nullable(),
  actor1: ActorSchema.nullable(),
  actor2: ActorSchema.nullable(),
  assoc_actor1: z.array(ActorSchema),
  assoc_actor2: z.array(ActorSchema),
  fatalities: z.number().int().nullable(),
  injured: z.number().int().nullable(),
  detained: z.number().int().nullable(),
  displaced: z.number().int().nullable(),
  evidence: z.array(SpanSchema),
  confidence: z.number(),
  explain: z.record(z.string(), z.object({ span: SpanSchema.optional(), rule: z.string() })).optional(),
};

const EventSourceSchema = z.looseObject({
  document_id: z.number().int(),
  doc_id: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  published: z.string().nullable(),
  cluster_id: z.number().int(),
  event_key: z.string(),
  evidence: z.array(SpanSchema),
  evidence_text: z.array(z.string()).optional(),
  values: z.looseObject(EventFieldsShape).optional().describe('the event as this document reported it'),
});
API_REGISTRY.add(EventSourceSchema, { id: 'EventSource' });

export const EventSchema = z.looseObject({
  id: z.string().describe('the canonical event key'),
  event_key: z.string(),
  ...EventFieldsShape,
  sources: z.array(EventSourceSchema),
  report_count: z.number().int(),
  source_count: z.number().int(),
  corrected: z.boolean(),
  original: z.record(z.string(), z.unknown()).optional(),
  review: z.object({ status: z.enum(['confirmed', 'rejected']), who: z.string(), at: z.string() }).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
API_REGISTRY.add(EventSchema, { id: 'Event', description: 'A canonical event, corrections applied.' });

export const CorrectionSchema = z.object({
  id: z.number().int(),
  event_key: z.string(),
  field: z.string(),
  old_value: z.unknown(),
  new_value: z.unknown(),
  who: z.string(),
  note: z.string().nullable(),
  created_at: z.string(),
});
API_REGISTRY.add(CorrectionSchema, { id: 'Correction' });

export const EventDetailSchema = EventSchema.extend({ corrections: z.array(CorrectionSchema) });
API_REGISTRY.add(EventDetailSchema, { id: 'EventDetail' });

export const EventPageSchema = z.object({
  items: z.array(EventSchema),
  total: z
    .number()
    .int()
    .nullable()
    .describe(
      `number of matching events: exact when total_is_exact; otherwise approximate — more than total_cap (default ${DEFAULT_TOTAL_CAP}) match, ` +
        'and total is total_cap (a lower bound, SQLite) or the query planner\'s estimate (PostgreSQL, also used when an exact count would take too long); never less than the events the page proves exist',
    ),
  total_is_exact: z.boolean().describe('false when total is approximate (see total)'),
  limit: z.number().int(),
  offset: z.number().int().nullable(),
  next_cursor: z.string().nullable(),
});
API_REGISTRY.add(EventPageSchema, { id: 'EventPage' });

export const DocumentSchema = z.looseObject({
  id: z.number().int(),
  doc_id: z.string(),
  source: z.string(),
  title: z.string().nullable(),
  published: z.string().nullable(),
  url: z.string().nullable(),
  language: z.string().nullable(),
  content_hash: z.string(),
  cluster_id: z.number().int(),
  text: z.string().describe('cleaned text; evidence offsets point into it'),
  created_at: z.string(),
  events: z.array(EventSchema),
});
API_REGISTRY.add(DocumentSchema, { id: 'Document' });

export const CountRowsSchema = z.object({
  group_by: z.enum(COUNT_GROUPS),
  rows: z.array(z.object({ key: z.string().nullable(), events: z.number().int(), fatalities: z.number() })),
});
API_REGISTRY.add(CountRowsSchema, { id: 'Counts' });

export const DocumentHitSchema = z.object({
  id: z.number().int(),
  doc_id: z.string(),
  title: z.string().nullable(),
  published: z.string().nullable(),
  url: z.string().nullable(),
  source: z.string(),
  snippet: z.string(),
});
export const SearchResultSchema = z.object({ q: z.string(), documents: z.array(DocumentHitSchema), events: z.array(EventSchema) });
API_REGISTRY.add(SearchResultSchema, { id: 'SearchResult' });

export const IngestItemSchema = z.object({
  id: z.string().nullable(),
  status: z.enum(['inserted', 'duplicate', 'near-duplicate', 'error']),
  document_id: z.number().int().nullable(),
  event_keys: z.array(z.string()),
  warnings: z.array(z.string()).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const IngestResultSchema = z.object({ results: z.array(IngestItemSchema) });
API_REGISTRY.add(IngestResultSchema, { id: 'IngestResult' });

export const AlertSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  filter: z.object(FilterShape).partial(),
  webhook_url: z.string().nullable(),
  created_by: z.string().nullable(),
  active: z.boolean(),
  created_at: z.string(),
});
API_REGISTRY.add(AlertSchema, { id: 'Alert' });

export const DeliverySchema = z.object({
  id: z.number().int(),
  alert_id: z.number().int(),
  event_keys: z.array(z.string()),
  status: z.enum(['ok', 'failed']),
  http_status: z.number().int().nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
});
API_REGISTRY.add(DeliverySchema, { id: 'Delivery' });

export const MetaSchema = z.object({
  name: z.string(),
  version: z.string(),
  engine: z.string(),
  event_types: z.record(z.string(), z.array(z.string())),
  correctable_fields: z.array(z.string()),
  export_formats: z.array(z.string()),
});
API_REGISTRY.add(MetaSchema, { id: 'Meta' });

export const WhoAmISchema = z.object({ name: z.string(), role: z.enum(['viewer', 'editor', 'admin']) });

export const CorrectionResultSchema = z.object({ corrections: z.array(CorrectionSchema), event: EventSchema });
API_REGISTRY.add(CorrectionResultSchema, { id: 'CorrectionResult' });
export const CorrectionListSchema = z.object({ corrections: z.array(CorrectionSchema) });
API_REGISTRY.add(CorrectionListSchema, { id: 'CorrectionList' });
export const ReviewResultSchema = z.object({ event: EventSchema });
API_REGISTRY.add(ReviewResultSchema, { id: 'ReviewResult' });
export const AlertListSchema = z.object({ alerts: z.array(AlertSchema) });
API_REGISTRY.add(AlertListSchema, { id: 'AlertList' });
export const DeliveryListSchema = z.object({ alert: AlertSchema, deliveries: z.array(DeliverySchema) });
API_REGISTRY.add(DeliveryListSchema, { id: 'DeliveryList' });
export const DispatchResultSchema = z.object({ deliveries: z.array(DeliverySchema) });
API_REGISTRY.add(DispatchResultSchema, { id: 'DispatchResult' });
export const SummarySchema = z.object({
  documents: z.number().int(),
  documentClusters: z.number().int(),
  reports: z.number().int(),
  events: z.number().int(),
  sources: z.number().int(),
  corrections: z.number().int(),
  orphanCorrections: z.number().int(),
});
API_REGISTRY.add(SummarySchema, { id: 'Summary' });
API_REGISTRY.add(WhoAmISchema, { id: 'WhoAmI' });
