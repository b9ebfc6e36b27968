/**
 * @module web/map
 * The event map: Leaflet with no tile server. Country outlines come from world-atlas TopoJSON
 * (served by the dashboard, converted with topojson-client) as one vector layer; events are
 * circle markers coloured by type and sized by fatalities, grid-clustered per zoom level.
 */
import L from 'leaflet';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { ApiEvent } from './api.ts';
import { dominant, gridCluster } from './cluster.ts';
import { markerRadius, typeColor } from './colors.ts';
import { formatNumber, t, typeName, subTypeName, formatDay } from './i18n.ts';

export interface EventMapOptions {
  onSelect: (event: ApiEvent) => void;
  /** A cluster that cannot be split by zooming (all at one place) was clicked. */
  onCluster: (events: ApiEvent[]) => void;
}

const CLUSTER_CELL_PX = 44;
/** Middle East and North Africa, the default view without events. */
const DEFAULT_VIEW: [number, number, number] = [30, 38, 4];

function located(e: ApiEvent): e is ApiEvent & { location: { lat: number; lon: number } } {
  return e.location != null && typeof e.location.lat === 'number' && typeof e.location.lon === 'number';
}

export class EventMap {
  readonly map: L.Map;
  private readonly markers: L.LayerGroup;
  private events: ApiEvent[] = [];
  private selected = '';

  constructor(
    el: HTMLElement,
    private readonly opts: EventMapOptions,
  ) {
    this.map = L.map(el, {
      zoomControl: true,
      attributionControl: false, // the attribution sits in the page footer (its control injects markup)
      worldCopyJump: true,
      minZoom: 2,
      maxZoom: 12,
      preferCanvas: false,
    }).setView([DEFAULT_VIEW[0], DEFAULT_VIEW[1]], DEFAULT_VIEW[2]);
    // outlines get their own pane under the markers' pane, whenever they finish loading
    this.map.createPane('outlines').style.zIndex = '350';
    this.markers = L.layerGroup().addTo(this.map);
    this.map.on('zoomend', () => this.draw());
  }

  /** Loads and draws the country outlines (Natural Earth 1:50m from world-atlas). */
  async loadOutlines(): Promise<void> {
    const res = await fetch('/assets/countries.json');
    if (!res.ok) throw new Error(`outlines: HTTP ${res.status}`);
    const topo = (await res.json()) as Topology<{ countries: GeometryCollection }>;
    const geo = feature(topo, topo.objects.countries);
    L.geoJSON(geo, {
      interactive: false,
      pane: 'outlines',
      style: { color: '#8a94a6', weight: 0.7, fillColor: '#f3f1ea', fillOpacity: 1, className: 'country' },
    }).addTo(this.map);
  }

  /** Replaces the events shown; `fit` zooms to them. */
  setEvents(events: ApiEvent[], fit: boolean): void {
    this.events = events.filter(located);
    this.draw();
    if (fit) this.fit();
  }

  /** Events that have no coordinates (listed, not drawn). */
  static unlocated(events: ApiEvent[]): number {
    return events.filter((e) => !located(e)).length;
  }

  fit(): void {
    if (!this.events.length) return;
    const b = L.latLngBounds(this.events.filter(located).map((e) => [e.location!.lat!, e.location!.lon!] as [number, number]));
    // at least ~3 degrees across, so one event is shown with its surroundings
    const c = b.getCenter();
    b.extend([c.lat - 1.5, c.lng - 1.5]).extend([c.lat + 1.5, c.lng + 1.5]);
    this.map.fitBounds(b.pad(0.2), { maxZoom: 8, animate: false });
  }

  setSelected(id: string): void {
    this.selected = id;
    this.draw();
  }

  invalidate(): void {
    this.map.invalidateSize({ animate: false });
  }

  private draw(): void {
    this.markers.clearLayers();
    const zoom = this.map.getZoom();
    const points = this.events.filter(located).map((e) => {
      const p = this.map.project([e.location.lat, e.location.lon], zoom);
      return { x: p.x, y: p.y, item: e };
    });
    // the selected event is always drawn alone, so it stays visible and clickable
    const sel = points.filter((p) => p.item.event_key === this.selected || p.item.id === this.selected);
    const rest = points.filter((p) => !sel.includes(p));
    for (const c of gridCluster(rest, CLUSTER_CELL_PX)) {
      if (c.items.length === 1) this.addMarker(c.items[0], false);
      else this.addCluster(c.items, this.map.unproject([c.x, c.y], zoom));
    }
    for (const p of sel) this.addMarker(p.item, true);
  }

  private addMarker(e: ApiEvent, selected: boolean): void {
    const color = typeColor(e.event_type);
    const m = L.circleMarker([e.location!.lat!, e.location!.lon!], {
      radius: markerRadius(e.fatalities),
      color: selected ? '#111111' : '#ffffff',
      weight: selected ? 3 : 1.5,
      fillColor: color,
      fillOpacity: 0.85,
      className: `ev-marker${selected ? ' ev-selected' : ''}`,
      bubblingMouseEvents: false,
    });
    m.bindTooltip(() => tooltipFor(e), { direction: 'top', offset: [0, -6] });
    m.on('click', () => this.opts.onSelect(e));
    m.addTo(this.markers);
    const el = m.getElement();
    if (el) {
      el.setAttribute('data-event', e.event_key);
      el.setAttribute('data-type', e.event_type);
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', `${typeName(e.event_type)} — ${e.location?.name_ar || e.location?.name || ''}`);
    }
  }

  private addCluster(items: ApiEvent[], at: L.LatLng): void {
    const n = items.length;
    const size = Math.round(26 + 8 * Math.log2(n));
    const type = dominant(items, (e) => e.event_type);
    const inner = document.createElement('span');
    inner.className = 'ev-cluster-inner';
    inner.textContent = formatNumber(n);
    inner.style.backgroundColor = typeColor(type);
    const icon = L.divIcon({ html: inner, className: 'ev-cluster', iconSize: [size, size] });
    const m = L.marker(at, { icon, keyboard: true, title: t('map.cluster', { n }) });
    m.on('click', () => {
      const lats = items.map((e) => e.location!.lat!);
      const lons = items.map((e) => e.location!.lon!);
      const samePlace = Math.max(...lats) - Math.min(...lats) < 1e-4 && Math.max(...lons) - Math.min(...lons) < 1e-4;
      if (samePlace || this.map.getZoom() >= this.map.getMaxZoom()) this.opts.onCluster(items);
      else this.map.fitBounds(L.latLngBounds(items.map((e) => [e.location!.lat!, e.location!.lon!] as [number, number])).pad(0.5));
    });
    m.addTo(this.markers);
    const el = m.getElement();
    if (el) {
      el.setAttribute('data-count', String(n));
      el.setAttribute('data-events', items.map((e) => e.event_key).join(' '));
    }
  }
}

/** Tooltip content as DOM (text nodes only). */
function tooltipFor(e: ApiEvent): HTMLElement {
  const box = document.createElement('div');
  box.className = 'ev-tip';
  const title = document.createElement('strong');
  title.textContent = `${typeName(e.event_type)} · ${subTypeName(e.sub_event_type)}`;
  const place = document.createElement('div');
  place.textContent = [e.location?.name_ar || e.location?.name, formatDay(e.date.start)].filter(Boolean).join(' — ');
  box.append(title, place);
  return box;
}
