/**
 * @module web/highlight
 * Evidence highlighting for the article reader. Spans (evidence of the event, and the span each
 * field's value came from) may nest or overlap; the text is cut at every span boundary and each
 * piece knows which spans cover it. Rendering builds <mark> elements around text nodes, never
 * HTML strings.
 */

export interface HighlightSpan {
  start: number;
  end: number;
  /** Evidence of the event as a whole, or the source of one field. */
  kind: 'evidence' | 'field';
  /** For kind 'field': the field it supports. */
  field?: string;
}

export interface Segment {
  start: number;
  end: number;
  evidence: boolean;
  /** Fields whose span covers this piece. */
  fields: string[];
  /** Fields whose span ends with this piece (where their label goes). */
  endsFields: string[];
}

/**
 * Cuts [0, length) at span boundaries. Spans outside the text are clipped; empty ones dropped.
 * @example segments(10, [{ start: 2, end: 5, kind: 'evidence' }]) // [0,2) plain, [2,5) evidence, [5,10) plain
 */
export function segments(length: number, spans: HighlightSpan[]): Segment[] {
  const clean = spans
    .map((s) => ({ ...s, start: Math.max(0, Math.min(length, s.start)), end: Math.max(0, Math.min(length, s.end)) }))
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start);
  const cuts = new Set<number>([0, length]);
  for (const s of clean) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (b <= a) continue;
    const covering = clean.filter((s) => s.start <= a && s.end >= b);
    const fields = [...new Set(covering.filter((s) => s.kind === 'field' && s.field).map((s) => s.field!))];
    const endsFields = [...new Set(covering.filter((s) => s.kind === 'field' && s.field && s.end === b).map((s) => s.field!))];
    out.push({ start: a, end: b, evidence: covering.some((s) => s.kind === 'evidence'), fields, endsFields });
  }
  return out;
}

/**
 * Renders `text` with its spans highlighted into `target` (cleared first). Every piece of text
 * goes in through a text node; `label(field)` names a field in the UI language.
 */
export function renderHighlighted(target: HTMLElement, text: string, spans: HighlightSpan[], label: (field: string) => string): number {
  while (target.firstChild) target.removeChild(target.firstChild);
  let marks = 0;
  for (const seg of segments(text.length, spans)) {
    const piece = document.createTextNode(text.slice(seg.start, seg.end));
    if (!seg.evidence && !seg.fields.length) {
      target.appendChild(piece);
      continue;
    }
    const mark = document.createElement('mark');
    mark.className = seg.fields.length ? 'hl hl-field' : 'hl hl-evidence';
    if (seg.fields.length) {
      mark.dataset.fields = seg.fields.join(' ');
      mark.title = seg.fields.map(label).join('، ');
    }
    mark.appendChild(piece);
    target.appendChild(mark);
    marks++;
    for (const f of seg.endsFields) {
      const tag = document.createElement('span');
      tag.className = 'hl-label';
      tag.dataset.field = f;
      tag.setAttribute('aria-label', label(f));
      tag.textContent = label(f);
      target.appendChild(tag);
    }
  }
  return marks;
}
