/**
 * @module api/openapi
 * The OpenAPI 3.1 description served at /api/openapi.json, generated from the zod schemas the
 * server validates with (api/schemas.ts) and one table of routes below. A test checks that
 * this table and the app's real routes are the same set.
 */
import { z } from 'zod/v4';
import type { TokenRole } from '../store/store.ts';
import {
  AlertBodySchema,
  AlertListSchema,
  AlertSchema,
  API_REGISTRY,
  BODY_REGISTRY,
  CorrectionBodySchema,
  CorrectionListSchema,
  CorrectionResultSchema,
  CountRowsSchema,
  DeliveryListSchema,
  DispatchResultSchema,
  DocumentQuerySchema,
  DocumentSchema,
  ErrorSchema,
  EventDetailSchema,
  EventPageSchema,
  EventsQuerySchema,
  ExportQuerySchema,
  IngestBodySchema,
  IngestResultSchema,
  MetaSchema,
  ReviewBodySchema,
  ReviewResultSchema,
  SearchQuerySchema,
  SearchResultSchema,
  StatsQuerySchema,
  SummarySchema,
  WhoAmISchema,
  LIST_PARAMS,
} from './schemas.ts';
import { API_VERSION } from './routes/stats.ts';

interface RouteDoc {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path, `{id}` for parameters. */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** status → schema (null: no body) or a media type for non-JSON answers. */
  ok: { status: number; schema: z.ZodType | null; mediaTypes?: string[] };
  /** Least role; absent = open read. */
  auth?: TokenRole;
}

/** Every route of the API (the test compares it with the app's routes). */
export const ROUTES: readonly RouteDoc[] = Object.freeze([
  { method: 'get', path: '/api/events', tag: 'events', summary: 'Events matching the filters, paged and sorted', query: EventsQuerySchema, ok: { status: 200, schema: EventPageSchema } },
  { method: 'get', path: '/api/events/{id}', tag: 'events', summary: 'One event with its sources, evidence spans (and their text) and corrections', ok: { status: 200, schema: EventDetailSchema } },
  { method: 'get', path: '/api/events/{id}/corrections', tag: 'review', summary: "An event's corrections, oldest first", ok: { status: 200, schema: CorrectionListSchema } },
  { method: 'post', path: '/api/events/{id}/corrections', tag: 'review', summary: 'Correct one field of an event (recorded with who/when/old/new; survives re-extraction)', body: CorrectionBodySchema, ok: { status: 201, schema: CorrectionResultSchema }, auth: 'editor' },
  { method: 'post', path: '/api/events/{id}/review', tag: 'review', summary: 'Confirm or reject an event', body: ReviewBodySchema, ok: { status: 200, schema: ReviewResultSchema }, auth: 'editor' },
  { method: 'get', path: '/api/documents/{id}', tag: 'documents', summary: 'One stored document: cleaned text, metadata and its events', query: DocumentQuerySchema, ok: { status: 200, schema: DocumentSchema } },
  { method: 'post', path: '/api/documents', tag: 'documents', summary: 'Ingest one document or a batch: runs the extraction and stores the result', body: IngestBodySchema, ok: { status: 201, schema: IngestResultSchema }, auth: 'editor' },
  { method: 'get', path: '/api/search', tag: 'documents', summary: 'Arabic full-text search over documents and events', query: SearchQuerySchema, ok: { status: 200, schema: SearchResultSchema } },
  { method: 'get', path: '/api/stats', tag: 'stats', summary: 'Event and fatality counts grouped by day, month, type, sub-type, admin1, country or source', query: StatsQuerySchema, ok: { status: 200, schema: CountRowsSchema } },
  { method: 'get', path: '/api/summary', tag: 'stats', summary: 'Totals of the store', ok: { status: 200, schema: SummarySchema } },
  { method: 'get', path: '/api/export', tag: 'stats', summary: 'Matching events as ACLED CSV, GeoJSON, JSON Lines or HXL CSV (streamed)', query: ExportQuerySchema, ok: { status: 200, schema: null, mediaTypes: ['text/csv', 'application/geo+json', 'application/x-ndjson'] } },
  { method: 'get', path: '/api/meta', tag: 'meta', summary: 'Event types and sub-types, correctable fields, export formats', ok: { status: 200, schema: MetaSchema } },
  { method: 'get', path: '/api/me', tag: 'meta', summary: "The bearer token's name and role", ok: { status: 200, schema: WhoAmISchema }, auth: 'viewer' },
  { method: 'get', path: '/api/openapi.json', tag: 'meta', summary: 'This description', ok: { status: 200, schema: null, mediaTypes: ['application/json'] } },
  { method: 'post', path: '/api/alerts', tag: 'alerts', summary: 'Save a search whose new matching events are POSTed as JSON to a webhook', body: AlertBodySchema, ok: { status: 201, schema: AlertSchema }, auth: 'admin' },
  { method: 'get', path: '/api/alerts', tag: 'alerts', summary: 'Saved alerts (admin: webhook URLs may hold secrets)', ok: { status: 200, schema: AlertListSchema }, auth: 'admin' },
  { method: 'delete', path: '/api/alerts/{id}', tag: 'alerts', summary: 'Delete an alert', ok: { status: 204, schema: null }, auth: 'admin' },
  { method: 'get', path: '/api/alerts/{id}/deliveries', tag: 'alerts', summary: "An alert's delivery log, newest first", ok: { status: 200, schema: DeliveryListSchema }, auth: 'admin' },
  { method: 'post', path: '/api/alerts/{id}/dispatch', tag: 'alerts', summary: "Deliver an alert's pending events now", ok: { status: 200, schema: DispatchResultSchema }, auth: 'admin' },
] satisfies RouteDoc[]);

type Json = Record<string, unknown>;

function strip(s: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = s;
  return rest;
}

function componentRef(schema: z.ZodType): Json {
  const meta = API_REGISTRY.get(schema) ?? BODY_REGISTRY.get(schema);
  if (meta) return { $ref: `#/components/schemas/${meta.id}` };
  return strip(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Json);
}

function queryParameters(query: z.ZodObject): Json[] {
  return Object.entries(query.shape).map(([name, field]) => {
    const f = field as z.ZodType;
    const schema = strip(z.toJSONSchema(f, { io: 'input', unrepresentable: 'any' }) as Json);
    const param: Json = { name, in: 'query', required: !f.safeParse(undefined).success, schema };
    if (f.description) param.description = f.description;
    if (LIST_PARAMS.has(name)) {
      // comma-separated, and repeating the parameter adds values
      param.style = 'form';
      param.explode = false;
    }
    return param;
  });
}

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Invalid parameters or body (error.code validation_failed / invalid_json)',
  '401': 'No token, or an unknown or revoked one',
  '403': "The token's role may not do this",
  '404': 'Not found',
  '413': 'Body too large',
  '415': 'Body is not JSON',
  '429': 'Too many writes for this token (see Retry-After)',
};

/** Builds the OpenAPI 3.1 document. */
export function buildOpenApi(): Json {
  const responses = z.toJSONSchema(API_REGISTRY, { uri: (id) => `#/components/schemas/${id}`, io: 'output', unrepresentable: 'any' });
  const bodies = z.toJSONSchema(BODY_REGISTRY, { uri: (id) => `#/components/schemas/${id}`, io: 'input', unrepresentable: 'any' });
  const schemas: Json = {};
  for (const [id, s] of Object.entries({ ...responses.schemas, ...bodies.schemas })) schemas[id] = strip(s as Json);

  const paths: Record<string, Json> = {};
  for (const r of ROUTES) {
    const op: Json = { summary: r.summary, tags: [r.tag], operationId: `${r.method}${r.path.replace(/[^a-zA-Z]+(\w)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase())}` };
    const params: Json[] = [];
    for (const m of r.path.matchAll(/\{(\w+)\}/g)) params.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    if (r.query) params.push(...queryParameters(r.query));
    if (params.length) op.parameters = params;
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: componentRef(r.body) } } };
    const res: Json = {};
    const okContent = r.ok.schema
      ? { 'application/json': { schema: componentRef(r.ok.schema) } }
      : r.ok.mediaTypes
        ? Object.fromEntries(r.ok.mediaTypes.map((t) => [t, {}]))
        : undefined;
    res[String(r.ok.status)] = okContent ? { description: 'OK', content: okContent } : { description: 'OK, no body' };
    const errors = ['400', ...(r.auth ? ['401', '403', '429'] : []), ...(r.path.includes('{') ? ['404'] : []), ...(r.body ? ['413', '415'] : [])];
    for (const s of errors) res[s] = { description: ERROR_STATUSES[s], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    op.responses = res;
    if (r.auth) {
      op.security = [{ bearer: [] }];
      op['x-rasad-role'] = r.auth;
    }
    (paths[r.path] ??= {})[r.method] = op;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Rasad API',
      version: API_VERSION,
      description:
        'Arabic news turned into ACLED-style events. Reads are open; every write needs `Authorization: Bearer <token>` ' +
        '(roles viewer < editor < admin; `rasad token create`). Errors are `{"error": {"code", "message"}}`.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { ...schemas, Error: strip(z.toJSONSchema(ErrorSchema, { io: 'output' }) as Json) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths,
  };
}
