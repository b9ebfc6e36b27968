/**
 * @module web/main
 * The dashboard page: wires the filters (kept in the URL), the map, the timeline, the event
 * list and the event panel to the HTTP API. Arabic and right-to-left first; the English toggle
 * switches `lang`/`dir` and every string (web/i18n.json).
 */
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { api, ApiFailure, getToken, loadEvents, setToken, type ApiEvent, type Meta } from './api.ts';
import { typeColor } from './colors.ts';
import { byId, clear, h } from './dom.ts';
import { applyStrings, formatDay, formatNumber, lang, setLang, subTypeName, t, tn, typeName } from './i18n.ts';
import { EventMap } from './map.ts';
import { EventPanel } from './panel.ts';
import { apiQuery, inDateRange, parseState, stateToSearch, type ViewState } from './state.ts';
import { Timeline } from './timeline.ts';

/** Most events loaded at once; beyond it the page asks to narrow the filters. */
const EVENT_CAP = 5000;
const LIST_CAP = 200;

let state: ViewState = parseState(location.search);
let meta: Meta | null = null;
let all: ApiEvent[] = [];
let total = 0;
/** False when the API's total is approximate (a lower bound or the planner's estimate: it counts exactly only when cheap). */
let totalIsExact = true;
let loading: AbortController | null = null;
let loadedQuery = '';

const form = byId<HTMLFormElement>('filters');
const mapStatus = byId('map-status');
const mapNote = byId('map-note');
const banner = byId('banner');

const map = new EventMap(byId('map'), {
  onSelect: (e) => select(e.event_key),
  onCluster: (events) => panel.showList(events),
});
function setPeriod(from: string | null, to: string | null): void {
  state.from = from ?? '';
  state.to = to ?? '';
  writeForm();
  pushUrl();
  applyDates();
}
const timeline = new Timeline(byId('timeline'), {
  onBrush: setPeriod,
  onScale: (days) => {
    const title = byId('timeline-title');
    title.dataset.i18n = days === 1 ? 'timeline.title' : days === 7 ? 'timeline.title.week' : 'timeline.title.month';
    title.textContent = t(title.dataset.i18n);
  },
});
const panel = new EventPanel(byId('panel'), {
  onClose: () => select(''),
  onChanged: (ev) => {
    // keep the corrected event in the loaded set, then reload so filters see the new values
    all = all.map((e) => (e.event_key === ev.event_key ? ev : e));
    applyDates();
    void reload(true);
  },
  onPick: (e) => select(e.event_key),
  meta: () => meta,
});

function pushUrl(): void {
  const search = stateToSearch(state);
  history.replaceState(null, '', search || location.pathname);
}

/** Shows `message` over the map (null hides it). */
function overlay(message: HTMLElement | string | null, busy = false): void {
  clear(mapStatus);
  mapStatus.hidden = message == null;
  mapStatus.classList.toggle('busy', busy);
  if (message == null) return;
  if (busy) mapStatus.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }));
  mapStatus.append(message);
}

function showBanner(text: string | null): void {
  banner.hidden = !text;
  banner.textContent = text ?? '';
}

// ---- filters -----------------------------------------------------------------------------

function renderTypeOptions(counts: Map<string, number>): void {
  const box = byId('type-options');
  clear(box);
  const types = meta ? Object.keys(meta.event_types) : [...counts.keys()];
  for (const type of types) {
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = typeColor(type);
    const n = counts.get(type) ?? 0;
    box.append(
      h(
        'label',
        { class: n ? 'type-option' : 'type-option is-empty' },
        h('input', { type: 'checkbox', name: 'types', value: type, checked: state.types.includes(type) }),
        swatch,
        h('span', { class: 'type-name' }, typeName(type)),
        h('span', { class: 'type-count muted' }, formatNumber(n)),
      ),
    );
  }
}

function renderAreas(rows: { key: string | null; events: number }[]): void {
  const select = form.elements.namedItem('admin1') as HTMLSelectElement;
  while (select.options.length > 1) select.remove(1);
  const keys = rows.filter((r) => r.key).map((r) => r.key!);
  if (state.admin1 && !keys.includes(state.admin1)) keys.unshift(state.admin1);
  for (const k of keys) select.append(h('option', { value: k }, k));
  select.value = state.admin1;
}

/** Puts the state into the form controls. */
function writeForm(): void {
  for (const box of form.querySelectorAll<HTMLInputElement>('input[name="types"]')) box.checked = state.types.includes(box.value);
  for (const k of ['actor', 'admin1', 'from', 'to', 'q', 'min_fatalities', 'review'] as const) {
    const el = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null;
    if (el && el.value !== state[k]) el.value = state[k];
  }
  byId('timeline-clear').hidden = !(state.from || state.to);
}

/** Reads the form controls into the state. */
function readForm(): void {
  state.types = [...form.querySelectorAll<HTMLInputElement>('input[name="types"]:checked')].map((b) => b.value);
  const val = (k: string) => ((form.elements.namedItem(k) as HTMLInputElement | null)?.value ?? '').trim();
  state.actor = val('actor');
  state.admin1 = val('admin1');
  state.from = /^\d{4}-\d{2}-\d{2}$/.test(val('from')) ? val('from') : '';
  state.to = /^\d{4}-\d{2}-\d{2}$/.test(val('to')) ? val('to') : '';
  state.q = val('q');
  state.min_fatalities = /^\d+$/.test(val('min_fatalities')) ? val('min_fatalities') : '';
  state.review = val('review');
}

let typingTimer: number | undefined;
function onFilterChange(ev: Event): void {
  const target = ev.target as HTMLInputElement;
  const isText = ev.type === 'input' && (target.type === 'search' || target.type === 'number' || target.type === 'text');
  window.clearTimeout(typingTimer);
  const run = () => {
    readForm();
    pushUrl();
    byId('timeline-clear').hidden = !(state.from || state.to);
    if (apiQuery(state).toString() !== loadedQuery) void reload(false);
    else applyDates();
  };
  if (isText) typingTimer = window.setTimeout(run, 350);
  else run();
}

// ---- data --------------------------------------------------------------------------------

/** Loads events for the non-date filters (dates are applied in the page, see state.apiQuery). */
async function reload(keepView: boolean): Promise<void> {
  loading?.abort();
  const ctl = new AbortController();
  loading = ctl;
  const query = apiQuery(state);
  overlay(t('state.loading'), true);
  try {
    const r = await loadEvents(query, EVENT_CAP, ctl.signal);
    if (ctl.signal.aborted) return;
    all = r.items;
    total = r.total;
    totalIsExact = r.totalIsExact;
    loadedQuery = query.toString();
    showBanner(null);
    applyDates(!keepView);
  } catch (err) {
    if (ctl.signal.aborted) return;
    overlay(null);
    showBanner(t('state.error', { message: err instanceof ApiFailure || err instanceof Error ? err.message : String(err) }));
  } finally {
    if (loading === ctl) loading = null;
  }
}

/** Applies the date range to the loaded events and redraws everything. */
function applyDates(fit = false): void {
  const visible = all.filter((e) => inDateRange(e.date.start, e.date.end, state.from, state.to));
  map.setEvents(visible, fit);
  timeline.setData(all, { from: state.from, to: state.to });
  renderList(visible);
  const count = byId('event-count');
  count.textContent = !totalIsExact
    ? t('filters.count.of.approx', { n: visible.length, total })
    : visible.length === total
      ? tn('filters.count', visible.length)
      : tn('filters.count.of', total, { n: visible.length, total });
  count.dataset.count = String(visible.length);
  if (!visible.length) overlay(h('div', { class: 'empty' }, h('strong', {}, t('state.empty')), h('p', {}, t('state.empty.hint'))));
  else overlay(null);
  const notes: string[] = [];
  if (total > all.length) notes.push(t('state.capped', { n: all.length }));
  const unlocated = EventMap.unlocated(visible);
  if (unlocated) notes.push(t('map.nolocation', { n: unlocated }));
  mapNote.hidden = !notes.length;
  mapNote.textContent = notes.join(' · ');
}

function renderList(events: ApiEvent[]): void {
  const ol = byId('event-list');
  clear(ol);
  for (const e of events.slice(0, LIST_CAP)) {
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = typeColor(e.event_type);
    const place = e.location ? e.location.name_ar || e.location.name : t('value.unknown');
    ol.append(
      h(
        'li',
        { class: e.event_key === state.event ? 'selected' : '' },
        h(
          'button',
          { type: 'button', class: 'event-item', 'data-event': e.event_key, onclick: () => select(e.event_key) },
          swatch,
          h('span', { class: 'event-item-title' }, `${typeName(e.event_type)} · ${subTypeName(e.sub_event_type)}`),
          h('span', { class: 'event-item-meta muted' }, `${place} — ${formatDay(e.date.start ?? e.date.end)}`),
          e.fatalities ? h('span', { class: 'event-item-fat' }, t('list.fatalities', { n: e.fatalities })) : null,
          e.corrected ? h('span', { class: 'badge badge-corrected' }, t('panel.corrected')) : null,
        ),
      ),
    );
  }
  if (events.length > LIST_CAP) ol.append(h('li', { class: 'muted' }, t('list.more', { n: events.length - LIST_CAP })));
}

function select(key: string): void {
  state.event = key;
  pushUrl();
  map.setSelected(key);
  for (const li of byId('event-list').querySelectorAll('li')) li.classList.toggle('selected', li.querySelector<HTMLElement>('[data-event]')?.dataset.event === key);
  document.body.classList.toggle('panel-open', !!key);
  if (key) void panel.open(key);
  else panel.close();
  map.invalidate();
}

// ---- token -------------------------------------------------------------------------------

async function showTokenStatus(): Promise<void> {
  const status = byId('token-status');
  const button = byId('token-button');
  const token = getToken();
  if (!token) {
    status.textContent = t('token.none');
    button.classList.remove('has-token');
    return;
  }
  const who = await api.me(token).catch(() => null);
  status.textContent = who ? t('token.as', { name: who.name, role: t(`role.${who.role}`) }) : t('token.invalid');
  button.classList.toggle('has-token', !!who);
}

function wireToken(): void {
  const box = byId<HTMLFormElement>('token-box');
  const button = byId('token-button');
  const input = byId<HTMLInputElement>('token-input');
  button.addEventListener('click', () => {
    box.hidden = !box.hidden;
    button.setAttribute('aria-expanded', String(!box.hidden));
    if (!box.hidden) input.focus();
  });
  box.addEventListener('submit', (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    input.value = '';
    void showTokenStatus();
    panel.render();
  });
  byId('token-clear').addEventListener('click', () => {
    setToken('');
    void showTokenStatus();
    panel.render();
  });
}

// ---- language ----------------------------------------------------------------------------

function applyLang(): void {
  setLang(state.lang);
  const toggle = byId('lang-toggle');
  toggle.setAttribute('lang', state.lang === 'ar' ? 'en' : 'ar');
  applyStrings();
}

function wireLang(): void {
  byId('lang-toggle').addEventListener('click', () => {
    state.lang = lang() === 'ar' ? 'en' : 'ar';
    pushUrl();
    applyLang();
    void loadFacets();
    applyDates();
    panel.render();
    void showTokenStatus();
    map.invalidate();
  });
}

async function loadFacets(): Promise<void> {
  try {
    const [types, areas] = await Promise.all([api.counts('type'), api.counts('admin1')]);
    renderTypeOptions(new Map(types.rows.map((r) => [r.key ?? '', r.events])));
    renderAreas(areas.rows);
  } catch {
    renderTypeOptions(new Map());
  }
}

// ---- start -------------------------------------------------------------------------------

async function start(): Promise<void> {
  applyLang();
  wireLang();
  wireToken();
  void showTokenStatus();
  form.addEventListener('change', onFilterChange);
  form.addEventListener('input', onFilterChange);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    state = { ...parseState(''), lang: state.lang, event: state.event };
    writeForm();
    pushUrl();
    void reload(false);
  });
  byId('timeline-clear').addEventListener('click', () => setPeriod(null, null));
  window.addEventListener('popstate', () => {
    state = parseState(location.search);
    applyLang();
    writeForm();
    void reload(false);
  });
  meta = await api.meta().catch(() => null);
  await loadFacets();
  writeForm();
  map.loadOutlines().catch((err) => showBanner(t('state.error', { message: String(err) })));
  await reload(false);
  if (state.event) select(state.event);
  document.body.dataset.ready = 'true';
}

void start();
