/**
 * @module web/panel
 * The event panel: every field of an event (corrected ones marked, with the value they had),
 * its sources, the article reader with evidence highlighted and each field's evidence named,
 * and the analyst's actions: confirm, reject, correct any field. Everything stored is shown
 * through text nodes (web/dom.ts), never as HTML.
 */
import { api, ApiFailure, getToken, type ApiDocument, type ApiEvent, type EventSource, type Meta } from './api.ts';
import { typeColor } from './colors.ts';
import { clear, h, safeHref } from './dom.ts';
import { renderHighlighted, type HighlightSpan } from './highlight.ts';
import { fieldName, formatDay, formatNumber, formatTime, subTypeName, t, typeName } from './i18n.ts';

export interface PanelOptions {
  onClose: () => void;
  /** The event changed (corrected or reviewed): the map and list should refresh. */
  onChanged: (event: ApiEvent) => void;
  /** An event of a cluster list was picked. */
  onPick: (event: ApiEvent) => void;
  meta: () => Meta | null;
}

/** Rows of the fields table: path, and whether an analyst may correct it. */
const ROWS: ReadonlyArray<[string, boolean]> = [
  ['event_type', true],
  ['sub_event_type', true],
  ['date.start', true],
  ['date.end', true],
  ['date.precision', true],
  ['date.text', false],
  ['hours', true],
  ['location.name_ar', true],
  ['location.name', true],
  ['location.admin1', true],
  ['location.admin2', true],
  ['location.country', true],
  ['location.lat', true],
  ['location.lon', true],
  ['location.geo_precision', true],
  ['actor1', true],
  ['actor2', true],
  ['assoc_actor1', false],
  ['assoc_actor2', false],
  ['fatalities', true],
  ['injured', true],
  ['detained', true],
  ['displaced', true],
  ['confidence', false],
];

const COUNT_FIELDS = new Set(['fatalities', 'injured', 'detained', 'displaced']);

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** A field value as display text. */
export function displayValue(field: string, v: unknown): string {
  if (v == null || v === '') return t('value.none');
  if (field === 'event_type' && typeof v === 'string') return typeName(v);
  if (field === 'sub_event_type' && typeof v === 'string') return subTypeName(v);
  if ((field === 'date.start' || field === 'date.end') && typeof v === 'string') return formatDay(v);
  if (field === 'date.precision' && typeof v === 'string') return t(`precision.${v}`);
  if (field === 'location.geo_precision' && typeof v === 'number') return `${formatNumber(v)} — ${t(`geo.${v}`)}`;
  if (field === 'confidence' && typeof v === 'number') return formatNumber(Math.round(v * 100) / 100);
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => displayValue('actor', x)).join('، ') : t('value.none');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('from' in o && 'to' in o) return `${String(o.from)}–${String(o.to)}`;
    if ('name' in o || 'name_ar' in o) {
      const ar = typeof o.name_ar === 'string' ? o.name_ar : '';
      const en = typeof o.name === 'string' ? o.name : '';
      return ar && en && ar !== en ? `${ar} (${en})` : ar || en || t('value.none');
    }
    return JSON.stringify(v);
  }
  return String(v);
}

export class EventPanel {
  private event: ApiEvent | null = null;
  private list: ApiEvent[] | null = null;
  private sourceIndex = 0;
  private editing: string | null = null;
  private message: { text: string; error: boolean } | null = null;
  private readonly docs = new Map<number, Promise<ApiDocument>>();
  private loading: AbortController | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly opts: PanelOptions,
  ) {}

  get currentId(): string {
    return this.event?.event_key ?? '';
  }

  /** Loads and shows one event. */
  async open(id: string): Promise<void> {
    this.loading?.abort();
    const ctl = new AbortController();
    this.loading = ctl;
    this.list = null;
    this.editing = null;
    this.message = null;
    this.el.hidden = false;
    this.el.setAttribute('aria-busy', 'true');
    clear(this.el);
    this.el.append(this.header(t('panel.loading'), null), h('div', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('panel.loading')));
    try {
      const ev = await api.event(id, ctl.signal);
      if (ctl.signal.aborted) return;
      if (this.event?.event_key !== ev.event_key) this.sourceIndex = 0;
      this.event = ev;
      this.render();
    } catch (err) {
      if (ctl.signal.aborted) return;
      this.event = null;
      clear(this.el);
      this.el.append(this.header(t('panel.fields'), null), h('p', { class: 'error' }, t('state.error', { message: errMessage(err) })));
    } finally {
      if (this.loading === ctl) this.el.removeAttribute('aria-busy');
    }
  }

  /** Shows the events of a cluster at one place, to pick one. */
  showList(events: ApiEvent[]): void {
    this.loading?.abort();
    this.event = null;
    this.list = events;
    this.render();
  }

  close(): void {
    this.loading?.abort();
    this.event = null;
    this.list = null;
    this.el.hidden = true;
    clear(this.el);
  }

  /** Redraws in the current language. */
  render(): void {
    clear(this.el);
    if (this.list) {
      this.el.hidden = false;
      this.renderList(this.list);
      return;
    }
    const ev = this.event;
    if (!ev) return;
    this.el.hidden = false;
    this.el.dataset.event = ev.event_key;
    this.el.append(this.header(`${typeName(ev.event_type)} · ${subTypeName(ev.sub_event_type)}`, ev.event_type));
    const where = ev.location ? ev.location.name_ar || ev.location.name : t('value.unknown');
    const when =
      ev.date.start && ev.date.end && ev.date.start !== ev.date.end
        ? `${formatDay(ev.date.start)} – ${formatDay(ev.date.end)}`
        : formatDay(ev.date.start ?? ev.date.end);
    this.el.append(h('p', { class: 'panel-sub' }, `${where} — ${when}`));
    this.el.append(this.statusLine(ev));
    if (this.message) this.el.append(h('p', { class: this.message.error ? 'error' : 'ok', role: 'status' }, this.message.text));
    this.el.append(this.actions(ev));
    // the article comes before the fields: an analyst checks the evidence, then the values
    this.el.append(this.sourcesList(ev));
    const reader = h('section', { class: 'reader', 'aria-labelledby': 'reader-title' });
    this.el.append(reader);
    this.el.append(this.fieldsTable(ev));
    if (ev.corrections?.length) this.el.append(this.correctionLog(ev));
    void this.renderReader(reader, ev);
  }

  private header(title: string, type: string | null): HTMLElement {
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    if (type) swatch.style.backgroundColor = typeColor(type);
    return h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'panel-title' }, type ? swatch : null, title),
      h('button', { type: 'button', class: 'btn btn-quiet close', 'aria-label': t('panel.close'), title: t('panel.close'), onclick: () => this.opts.onClose() }, '×'),
    );
  }

  private renderList(events: ApiEvent[]): void {
    this.el.append(this.header(t('panel.cluster.title'), null));
    const ol = h('ol', { class: 'cluster-list' });
    for (const e of events) {
      const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = typeColor(e.event_type);
      ol.append(
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'linkish', 'data-event': e.event_key, onclick: () => this.opts.onPick(e) },
            swatch,
            `${typeName(e.event_type)} · ${subTypeName(e.sub_event_type)} — ${formatDay(e.date.start)}`,
          ),
        ),
      );
    }
    this.el.append(ol);
  }

  private statusLine(ev: ApiEvent): HTMLElement {
    const p = h('p', { class: 'status-line' });
    if (ev.review) {
      p.append(
        h(
          'span',
          { class: `badge badge-${ev.review.status}`, 'data-review': ev.review.status },
          t(`panel.review.${ev.review.status}`, { who: ev.review.who, when: formatTime(ev.review.at) }),
        ),
      );
    } else p.append(h('span', { class: 'badge', 'data-review': 'none' }, t('panel.review.none')));
    if (ev.corrected) p.append(' ', h('span', { class: 'badge badge-corrected', 'data-corrected': 'true' }, t('panel.corrected')));
    p.append(' ', h('span', { class: 'muted' }, t('panel.reports', { reports: ev.report_count, sources: ev.source_count })));
    return p;
  }

  private actions(ev: ApiEvent): HTMLElement {
    if (!getToken()) return h('p', { class: 'muted hint' }, t('review.needs_token'));
    const review = async (status: 'confirmed' | 'rejected') => {
      try {
        const r = await api.review(ev.event_key, status);
        await this.refresh(r.event, t('review.saved'));
      } catch (err) {
        this.message = { text: t('review.failed', { message: errMessage(err) }), error: true };
        this.render();
      }
    };
    return h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-confirm', 'data-action': 'confirm', onclick: () => void review('confirmed') }, t('review.confirm')),
      h('button', { type: 'button', class: 'btn btn-reject', 'data-action': 'reject', onclick: () => void review('rejected') }, t('review.reject')),
    );
  }

  /** Reloads the event (to get its corrections) after a write and tells the page. */
  private async refresh(updated: ApiEvent, message: string): Promise<void> {
    let ev = updated;
    try {
      ev = await api.event(updated.event_key);
    } catch {
      /* show what the write answered */
    }
    this.event = ev;
    this.editing = null;
    this.message = { text: message, error: false };
    this.render();
    this.opts.onChanged(ev);
  }

  private correctedPaths(ev: ApiEvent): Set<string> {
    return new Set(Object.keys(ev.original ?? {}));
  }

  private fieldsTable(ev: ApiEvent): HTMLElement {
    const corrected = this.correctedPaths(ev);
    const canEdit = !!getToken();
    const table = h('table', { class: 'fields' }, h('caption', {}, t('panel.fields')));
    const body = h('tbody', {});
    for (const [path, editable] of ROWS) {
      const value = getPath(ev, path);
      // a correction of a whole object (location, date) counts for its parts too
      const wasCorrected = [...corrected].find((c) => c === path || path.startsWith(`${c}.`) || c.startsWith(`${path}.`));
      const cell = h('td', { 'data-field': path }, h('span', { class: 'value' }, displayValue(path, value)));
      if (wasCorrected) {
        cell.classList.add('is-corrected');
        const orig = wasCorrected === path ? ev.original?.[path] : getPath({ [wasCorrected.split('.')[0]]: ev.original?.[wasCorrected] }, path);
        cell.append(
          ' ',
          h('span', { class: 'badge badge-corrected' }, t('panel.corrected')),
          ' ',
          h('span', { class: 'was muted' }, t('panel.original', { value: displayValue(path, orig) })),
        );
      }
      if (editable && canEdit && this.editing !== path)
        cell.append(
          ' ',
          h(
            'button',
            { type: 'button', class: 'btn btn-small btn-quiet edit', 'data-edit': path, title: `${t('review.edit')}: ${fieldName(path)}`, 'aria-label': `${t('review.edit')}: ${fieldName(path)}`, onclick: () => ((this.editing = path), this.render()) },
            '✎',
          ),
        );
      if (this.editing === path) cell.append(this.editForm(ev, path));
      body.append(h('tr', {}, h('th', { scope: 'row' }, fieldName(path)), cell));
    }
    table.append(body);
    return table;
  }

  private editForm(ev: ApiEvent, path: string): HTMLElement {
    const meta = this.opts.meta();
    const types = meta ? Object.keys(meta.event_types) : [ev.event_type];
    const current = getPath(ev, path);
    let input: HTMLInputElement | HTMLSelectElement;
    let input2: HTMLInputElement | HTMLSelectElement | null = null;
    const subSelect = (type: string, selected: string) => {
      const s = h('select', { name: 'sub_event_type', 'aria-label': fieldName('sub_event_type') });
      for (const sub of meta?.event_types[type] ?? [selected]) s.append(h('option', { value: sub, selected: sub === selected }, subTypeName(sub)));
      return s;
    };
    if (path === 'event_type') {
      input = h('select', { name: 'value', 'aria-label': fieldName(path) });
      for (const ty of types) input.append(h('option', { value: ty, selected: ty === ev.event_type }, typeName(ty)));
      input2 = subSelect(ev.event_type, ev.sub_event_type);
      const sel = input;
      sel.addEventListener('change', () => {
        const next = subSelect(sel.value, '');
        input2!.replaceWith(next);
        input2 = next;
      });
    } else if (path === 'sub_event_type') {
      input = subSelect(ev.event_type, ev.sub_event_type);
      input.name = 'value';
    } else if (path === 'date.precision') {
      input = h('select', { name: 'value', 'aria-label': fieldName(path) });
      for (const p of ['day', 'range', 'week', 'month', 'year', 'unknown']) input.append(h('option', { value: p, selected: p === current }, t(`precision.${p}`)));
    } else if (path === 'location.geo_precision') {
      input = h('select', { name: 'value', 'aria-label': fieldName(path) });
      for (const p of [1, 2, 3]) input.append(h('option', { value: p, selected: p === current }, `${formatNumber(p)} — ${t(`geo.${p}`)}`));
    } else if (path === 'date.start' || path === 'date.end') {
      input = h('input', { type: 'date', name: 'value', value: typeof current === 'string' ? current : '', 'aria-label': fieldName(path) });
    } else if (COUNT_FIELDS.has(path)) {
      input = h('input', { type: 'number', name: 'value', min: 0, step: 1, value: typeof current === 'number' ? current : '', 'aria-label': fieldName(path), dir: 'ltr' });
    } else if (path === 'location.lat' || path === 'location.lon') {
      input = h('input', { type: 'number', name: 'value', step: 'any', value: typeof current === 'number' ? current : '', 'aria-label': fieldName(path), dir: 'ltr' });
    } else if (path === 'hours') {
      const o = (current ?? {}) as { from?: string; to?: string };
      input = h('input', { type: 'time', name: 'value', value: o.from ?? '', 'aria-label': `${fieldName(path)} 1` });
      input2 = h('input', { type: 'time', name: 'value2', value: o.to ?? '', 'aria-label': `${fieldName(path)} 2` });
    } else {
      const text = path === 'actor1' || path === 'actor2' ? (actorName(current) ?? '') : typeof current === 'string' ? current : '';
      input = h('input', { type: 'text', name: 'value', value: text, 'aria-label': fieldName(path) });
    }
    const note = h('input', { type: 'text', name: 'note', maxlength: 2000, placeholder: t('review.note'), 'aria-label': t('review.note') });
    const form = h(
      'form',
      { class: 'edit-form', 'data-editing': path },
      input,
      input2,
      note,
      h('button', { type: 'submit', class: 'btn', 'data-action': 'save' }, t('review.save')),
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => ((this.editing = null), this.render()) }, t('review.cancel')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save(ev, path, input, input2, note.value.trim());
    });
    queueMicrotask(() => input.focus());
    return form;
  }

  private async save(ev: ApiEvent, path: string, input: HTMLInputElement | HTMLSelectElement, input2: HTMLInputElement | HTMLSelectElement | null, note: string): Promise<void> {
    const raw = input.value.trim();
    const value: unknown = raw === '' ? null : raw;
    const body: { field: string; value: unknown; note?: string; sub_event_type?: string } = { field: path, value };
    if (COUNT_FIELDS.has(path) || path === 'location.lat' || path === 'location.lon' || path === 'location.geo_precision')
      body.value = raw === '' ? null : Number(raw);
    if (path === 'hours') body.value = raw && input2?.value ? { from: raw, to: input2.value } : null;
    if (path === 'location.country' && typeof value === 'string') body.value = value.toUpperCase();
    if (path === 'event_type' && input2) body.sub_event_type = input2.value;
    if (note) body.note = note;
    try {
      const r = await api.correct(ev.event_key, body);
      await this.refresh(r.event, t('review.saved'));
    } catch (err) {
      this.message = { text: t('review.failed', { message: errMessage(err) }), error: true };
      this.render();
    }
  }

  private correctionLog(ev: ApiEvent): HTMLElement {
    const ol = h('ol', { class: 'corrections' });
    for (const c of ev.corrections ?? []) {
      ol.append(
        h(
          'li',
          { 'data-correction': c.field },
          t('panel.correction.line', {
            field: fieldName(c.field),
            old: displayValue(c.field, c.old_value),
            new: displayValue(c.field, c.new_value),
            who: c.who,
            when: formatTime(c.created_at),
          }),
          c.note ? h('span', { class: 'muted note' }, ` — ${c.note}`) : null,
        ),
      );
    }
    return h('section', { class: 'correction-log' }, h('h3', {}, t('panel.corrections')), ol);
  }

  private sourcesList(ev: ApiEvent): HTMLElement {
    const sec = h('section', { class: 'sources' }, h('h3', {}, t('panel.sources')));
    if (!ev.sources.length) {
      sec.append(h('p', { class: 'muted' }, t('panel.nosource')));
      return sec;
    }
    const ol = h('ol', {});
    ev.sources.forEach((s, i) => {
      const href = safeHref(s.url);
      ol.append(
        h(
          'li',
          { class: i === this.sourceIndex ? 'active' : '', 'data-source': s.doc_id },
          h('strong', {}, s.name),
          s.published ? h('span', { class: 'muted' }, ` · ${formatDay(s.published.slice(0, 10))}`) : null,
          h('div', { class: 'source-title' }, s.title ?? s.doc_id),
          h(
            'div',
            { class: 'source-actions' },
            h('button', { type: 'button', class: 'btn btn-small', 'data-read': i, onclick: () => ((this.sourceIndex = i), this.render()) }, t('panel.read')),
            href ? h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'ext', dir: 'ltr' }, new URL(href).host) : null,
          ),
        ),
      );
    });
    sec.append(ol);
    return sec;
  }

  private async renderReader(sec: HTMLElement, ev: ApiEvent): Promise<void> {
    const src: EventSource | undefined = ev.sources[this.sourceIndex] ?? ev.sources[0];
    sec.append(h('h3', { id: 'reader-title' }, t('panel.reader')));
    if (!src) return;
    const status = h('p', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('panel.reader.loading'));
    sec.append(status);
    let doc: ApiDocument;
    try {
      let p = this.docs.get(src.document_id);
      if (!p) {
        p = api.document(src.document_id);
        this.docs.set(src.document_id, p);
        p.catch(() => this.docs.delete(src.document_id));
      }
      doc = await p;
    } catch (err) {
      status.replaceWith(h('p', { class: 'error' }, t('state.error', { message: errMessage(err) })));
      return;
    }
    if (this.event !== ev) return; // another event was opened meanwhile
    const spans: HighlightSpan[] = src.evidence.map((s) => ({ ...s, kind: 'evidence' as const }));
    for (const [field, ex] of Object.entries(src.values?.explain ?? {})) if (ex.span) spans.push({ ...ex.span, kind: 'field', field });
    const legend = h(
      'p',
      { class: 'legend muted' },
      h('mark', { class: 'hl hl-evidence' }, t('panel.legend.evidence')),
      ' ',
      h('mark', { class: 'hl hl-field' }, t('panel.legend.field')),
    );
    const article = h('article', { class: 'article', lang: 'ar', dir: 'rtl' });
    // the cleaned text often opens with the title itself: then it is not repeated above it
    const title = doc.title && !doc.text.trimStart().startsWith(doc.title.trim()) ? h('h4', { class: 'article-title' }, doc.title) : null;
    const body = h('div', { class: 'article-text' });
    const marks = renderHighlighted(body, doc.text, spans, fieldName);
    body.dataset.marks = String(marks);
    if (title) article.append(title);
    article.append(body);
    status.replaceWith(legend, article);
    // bring the first highlight into view inside the article box, without scrolling the panel
    const first = body.querySelector('mark');
    if (first) body.scrollTop = Math.max(0, first.offsetTop - body.offsetTop - 40);
  }
}

function actorName(v: unknown): string | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as { name_ar?: string; name?: string; text?: string };
  return o.name_ar || o.name || o.text || null;
}

function errMessage(err: unknown): string {
  if (err instanceof ApiFailure) return err.message;
  return err instanceof Error ? err.message : String(err);
}

