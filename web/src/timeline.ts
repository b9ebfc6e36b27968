/**
 * @module web/timeline
 * Events per day, stacked by type, as an SVG bar chart. Dragging across it selects a period
 * (a brush) that filters the map; a click without dragging clears it. Time runs in the
 * reading direction: right to left in Arabic, left to right in English.
 */
import type { ApiEvent } from './api.ts';
import { typeColor } from './colors.ts';
import { formatDay, formatNumber, lang, t, typeName } from './i18n.ts';

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 120;
const PAD = { top: 8, bottom: 22, side: 12 };
/** Longest period drawn (about twenty years); older days are left out. */
const MAX_DAYS = 20 * 366;
/** Shortest period drawn, so a few days do not become a few giant bars. */
const MIN_DAYS = 21;

export interface TimelineOptions {
  /** A period was brushed (both null: cleared). */
  onBrush: (from: string | null, to: string | null) => void;
  /** Days per bar changed (1 day, 7 a week, 30 a month). */
  onScale?: (days: number) => void;
}

/** Adds `n` days to a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

interface Bin {
  /** First and last day the bin covers. */
  day: string;
  last: string;
  total: number;
  byType: Map<string, number>;
}

/** Days per bar: one day for up to half a year, then weeks, then 30-day months. */
export function binSize(days: number): number {
  return days <= 180 ? 1 : days <= 1500 ? 7 : 30;
}

/**
 * Counts events per start day (or per week/month over long periods, see binSize) and type
 * over [first, last] day, widened to at least `minDays`.
 */
export function binByDay(events: ApiEvent[], minDays = 1): { first: string; size: number; bins: Bin[] } | null {
  const days = events.map((e) => e.date.start ?? e.date.end).filter((d): d is string => !!d).sort();
  if (!days.length) return null;
  let last = days[days.length - 1];
  let first = days[0];
  if (daysBetween(first, last) > MAX_DAYS) first = addDays(last, -MAX_DAYS);
  const short = minDays - (daysBetween(first, last) + 1);
  if (short > 0) {
    // centre a short period in a wider window, so bars keep a sensible width
    first = addDays(first, -Math.floor(short / 2));
    last = addDays(last, Math.ceil(short / 2));
  }
  const span = daysBetween(first, last) + 1;
  const size = binSize(span);
  const n = Math.ceil(span / size);
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({
    day: addDays(first, i * size),
    last: addDays(first, i * size + size - 1),
    total: 0,
    byType: new Map(),
  }));
  for (const e of events) {
    const d = e.date.start ?? e.date.end;
    if (!d) continue;
    const i = Math.floor(daysBetween(first, d) / size);
    if (i < 0 || i >= n) continue;
    bins[i].total++;
    bins[i].byType.set(e.event_type, (bins[i].byType.get(e.event_type) ?? 0) + 1);
  }
  return { first, size, bins };
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export class Timeline {
  private events: ApiEvent[] = [];
  private range: { from: string; to: string } = { from: '', to: '' };
  private readonly root: HTMLElement;
  private width = 600;
  private geom: { x0: number; x1: number; bw: number; first: string; n: number; bins: Bin[] } | null = null;

  constructor(
    root: HTMLElement,
    private readonly opts: TimelineOptions,
  ) {
    this.root = root;
    new ResizeObserver(() => {
      const w = Math.floor(this.root.clientWidth);
      if (w > 0 && w !== this.width) {
        this.width = w;
        this.render();
      }
    }).observe(root);
  }

  /** Events to chart (all dates) and the brushed period. */
  setData(events: ApiEvent[], range: { from: string; to: string }): void {
    this.events = events;
    this.range = range;
    this.render();
  }

  private xOf(i: number): number {
    const g = this.geom!;
    return lang() === 'ar' ? g.x1 - (i + 1) * g.bw : g.x0 + i * g.bw;
  }

  private indexAt(x: number): number {
    const g = this.geom!;
    const raw = lang() === 'ar' ? (g.x1 - x) / g.bw : (x - g.x0) / g.bw;
    return Math.max(0, Math.min(g.n - 1, Math.floor(raw)));
  }

  render(): void {
    while (this.root.firstChild) this.root.removeChild(this.root.firstChild);
    const binned = binByDay(this.events, MIN_DAYS);
    if (!binned) {
      const p = document.createElement('p');
      p.className = 'muted empty';
      p.textContent = t('timeline.empty');
      this.root.appendChild(p);
      this.geom = null;
      return;
    }
    const { first, bins, size } = binned;
    const W = Math.max(200, this.width);
    const x0 = PAD.side;
    const x1 = W - PAD.side;
    const bw = (x1 - x0) / bins.length;
    this.geom = { x0, x1, bw, first, n: bins.length, bins };
    this.opts.onScale?.(size);
    const max = Math.max(1, ...bins.map((b) => b.total));
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const root = svg('svg', { viewBox: `0 0 ${W} ${HEIGHT}`, height: HEIGHT, preserveAspectRatio: 'none', class: 'timeline-svg', role: 'img' });
    root.setAttribute('aria-label', t('timeline.title'));

    root.appendChild(svg('line', { x1: x0, x2: x1, y1: HEIGHT - PAD.bottom + 0.5, y2: HEIGHT - PAD.bottom + 0.5, class: 'axis' }));
    bins.forEach((b, i) => {
      let y = HEIGHT - PAD.bottom;
      const inRange = (!this.range.from || b.last >= this.range.from) && (!this.range.to || b.day <= this.range.to);
      for (const [type, count] of [...b.byType.entries()].sort()) {
        const h = (count / max) * plotH;
        y -= h;
        const r = svg('rect', {
          x: this.xOf(i) + Math.min(1, bw * 0.15),
          y,
          width: Math.max(1, bw - Math.min(2, bw * 0.3)),
          height: Math.max(1, h),
          fill: typeColor(type),
          class: inRange ? 'bar' : 'bar bar-out',
          'data-day': b.day,
          'data-type': type,
        });
        const title = svg('title', {});
        title.textContent = `${size > 1 ? `${formatDay(b.day)} – ${formatDay(b.last)}` : formatDay(b.day)} — ${typeName(type)}: ${formatNumber(count)}`;
        r.appendChild(title);
        root.appendChild(r);
      }
    });

    // ticks: first, last and a few between, never closer than ~150 px (dates are long in Arabic)
    const ticks = Math.max(1, Math.min(6, Math.floor((x1 - x0) / 150)));
    const seen = new Set<number>();
    for (let k = 0; k <= ticks; k++) {
      const i = Math.round((k / ticks) * (bins.length - 1));
      if (seen.has(i)) continue;
      seen.add(i);
      const tx = this.xOf(i) + bw / 2;
      const anchor = k === 0 ? 'start' : k === ticks ? 'end' : 'middle';
      const text = svg('text', { x: tx, y: HEIGHT - 6, class: 'tick', 'text-anchor': lang() === 'ar' ? flip(anchor) : anchor });
      text.textContent = formatDay(bins[i].day);
      root.appendChild(text);
    }

    if (this.range.from || this.range.to) {
      const a = this.range.from ? Math.max(0, Math.floor(daysBetween(first, this.range.from) / size)) : 0;
      const z = this.range.to ? Math.min(bins.length - 1, Math.floor(daysBetween(first, this.range.to) / size)) : bins.length - 1;
      if (z >= a) root.appendChild(this.brushRect(a, z));
    }
    this.attachBrush(root);
    this.root.appendChild(root);
  }

  private brushRect(a: number, z: number): SVGRectElement {
    const xa = this.xOf(a);
    const xz = this.xOf(z);
    const left = Math.min(xa, xz);
    const right = Math.max(xa, xz) + this.geom!.bw;
    return svg('rect', { x: left, y: PAD.top - 4, width: Math.max(2, right - left), height: HEIGHT - PAD.top - PAD.bottom + 4, class: 'brush' });
  }

  private attachBrush(root: SVGSVGElement): void {
    let start: { i: number; x: number } | null = null;
    let live: SVGRectElement | null = null;
    const toX = (ev: PointerEvent) => {
      const box = root.getBoundingClientRect();
      return ((ev.clientX - box.left) / box.width) * (this.geom ? this.geom.x1 + PAD.side : box.width);
    };
    root.addEventListener('pointerdown', (ev) => {
      if (!this.geom) return;
      const x = toX(ev);
      start = { i: this.indexAt(x), x };
      root.setPointerCapture(ev.pointerId);
    });
    root.addEventListener('pointermove', (ev) => {
      if (!start || !this.geom) return;
      const i = this.indexAt(toX(ev));
      live?.remove();
      live = this.brushRect(Math.min(start.i, i), Math.max(start.i, i));
      live.classList.add('brush-live');
      root.appendChild(live);
    });
    const finish = (ev: PointerEvent) => {
      if (!start || !this.geom) return;
      const x = toX(ev);
      const i = this.indexAt(x);
      const moved = Math.abs(x - start.x) >= 3;
      const a = Math.min(start.i, i);
      const z = Math.max(start.i, i);
      start = null;
      live?.remove();
      live = null;
      if (!moved) this.opts.onBrush(null, null);
      else this.opts.onBrush(this.geom.bins[a].day, this.geom.bins[z].last);
    };
    root.addEventListener('pointerup', finish);
    root.addEventListener('pointercancel', () => {
      start = null;
      live?.remove();
      live = null;
    });
  }
}

function flip(anchor: string): string {
  return anchor === 'start' ? 'end' : anchor === 'end' ? 'start' : anchor;
}
