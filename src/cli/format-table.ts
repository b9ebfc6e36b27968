/**
 * @module cli/format-table
 * The human `--format table` view of one result: one block per event with the evidence quoted.
 */
import type { ExtractionResult, RasadEvent } from '../types.ts';

const actorName = (a: RasadEvent['actor1']) => (a ? `${a.name} (${a.text || a.name_ar})` : '—');

function quote(text: string, ev: RasadEvent): string {
  const s = ev.evidence[0];
  if (!s) return '';
  const from = Math.max(0, s.start - 40);
  const to = Math.min(text.length, s.end + 40);
  return (from > 0 ? '…' : '') + text.slice(from, to).replace(/\s+/g, ' ') + (to < text.length ? '…' : '');
}

export function formatTable(r: ExtractionResult): string {
  const lines: string[] = [];
  const d = r.document;
  lines.push(`# ${d.id}${d.title ? ` — ${d.title}` : ''}${d.published ? ` (${d.published})` : ''}: ${r.events.length} event(s)`);
  for (const w of r.warnings ?? []) lines.push(`  warning: ${w}`);
  for (const e of r.events) {
    const date = e.date.start ? (e.date.start === e.date.end ? e.date.start : `${e.date.start}..${e.date.end}`) : 'undated';
    const loc = e.location
      ? `${e.location.text} → ${e.location.name} [${e.location.country ?? '?'}${e.location.admin1 ? ', ' + e.location.admin1 : ''}] ${e.location.lat?.toFixed(4)},${e.location.lon?.toFixed(4)} p${e.location.geo_precision}`
      : '—';
    lines.push(`- ${e.id}  ${e.event_type} / ${e.sub_event_type}  ${date}${e.hours ? ` ${e.hours.from}-${e.hours.to}` : ''}`);
    lines.push(`    where: ${loc}`);
    lines.push(`    who:   ${actorName(e.actor1)} → ${actorName(e.actor2)}`);
    const figs = [['killed', e.fatalities], ['injured', e.injured], ['detained', e.detained], ['displaced', e.displaced]]
      .filter(([, v]) => v != null)
      .map(([k, v]) => `${k} ${v}`);
    if (e.fatalities_vague) figs.push(`killed ≥${e.fatalities_vague.min} (vague)`);
    lines.push(`    count: ${figs.join(', ') || '—'}   confidence ${e.confidence}`);
    lines.push(`    text:  ${quote(d.text, e)}`);
  }
  return lines.join('\n');
}
