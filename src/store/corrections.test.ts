import { describe, expect, it } from 'vitest';
import { applyCorrections, getPath, isCorrectableField, setPath } from './corrections.ts';
import { FIXTURES, makeEvent } from './testing/fixtures.ts';

const ev = makeEvent(FIXTURES.hasakahA.text, FIXTURES.hasakahA.events[1]);

describe('corrections', () => {
  it.each([
    ['fatalities', true],
    ['date.start', true],
    ['location.lat', true],
    ['actor1', true],
    ['id', false],
    ['evidence', false],
    ['location..lat', false],
    ['__proto__.x', false],
  ])('isCorrectableField(%s) = %s', (f, ok) => expect(isCorrectableField(f)).toBe(ok));

  it('applies corrections in order and keeps the first original value', () => {
    const { event, corrected, original } = applyCorrections(ev, [
      { id: 2, field: 'fatalities', new_value: 15 },
      { id: 1, field: 'fatalities', new_value: 10 },
      { id: 3, field: 'location.lat', new_value: 36.6 },
    ]);
    expect(corrected).toBe(true);
    expect(event.fatalities).toBe(15);
    expect(event.location?.lat).toBe(36.6);
    expect(original).toEqual({ fatalities: 12, 'location.lat': 36.4717 });
    expect(ev.fatalities).toBe(12); // the input is not modified
  });

  it('leaves an uncorrected event alone', () => {
    expect(applyCorrections(ev, [])).toEqual({ event: ev, corrected: false, original: {} });
  });

  it('reads and writes dotted paths', () => {
    const o: Record<string, any> = {};
    setPath(o, 'date.start', '2022-01-01');
    expect(o).toEqual({ date: { start: '2022-01-01' } });
    expect(getPath(o, 'date.start')).toBe('2022-01-01');
    expect(getPath(o, 'date.end.x')).toBeUndefined();
  });
});
