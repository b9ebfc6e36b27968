/**
 * @module web/colors
 * One colour per event type, shared by the map, the timeline and the filter swatches.
 * Categorical palette (Tableau 10 order), distinct on the pale map background.
 */
export const TYPE_COLORS: Readonly<Record<string, string>> = Object.freeze({
  Battles: '#d62728',
  'Explosions/Remote violence': '#ff7f0e',
  'Violence against civilians': '#9467bd',
  Protests: '#2ca02c',
  Riots: '#8c564b',
  'Strategic developments': '#1f77b4',
  'Movement restrictions': '#e377c2',
  Displacement: '#17becf',
  Diplomacy: '#7f7f7f',
});

export function typeColor(type: string): string {
  return TYPE_COLORS[type] ?? '#555555';
}

/** Marker radius in pixels: grows with the log of fatalities so one massacre does not hide the rest. */
export function markerRadius(fatalities: number | null | undefined): number {
  const f = typeof fatalities === 'number' && fatalities > 0 ? fatalities : 0;
  return Math.round(6 + 3 * Math.log2(1 + f));
}
