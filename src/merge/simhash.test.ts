import { describe, expect, it } from 'vitest';
import { bandsOf, hammingDistance, isNearDuplicate, simhash, simhashWords, NEAR_DUPLICATE_DISTANCE } from './simhash.ts';
import { FIXTURES } from '../store/testing/fixtures.ts';

const BODY =
  'أعلنت مديرية الصحة في المحافظة أن فرقها استقبلت خلال الليلة الماضية عشرات المصابين جراء القصف الذي استهدف السوق الشعبي ' +
  'وسط المدينة، وأوضحت أن الطواقم الطبية تعمل بطاقتها القصوى رغم النقص الحاد في الأدوية والمستلزمات، وناشدت المنظمات الدولية ' +
  'تقديم الدعم العاجل للمستشفيات التي تعاني من انقطاع الكهرباء منذ أيام، فيما قال سكان إن الأسواق أغلقت أبوابها خوفا من تجدد القصف.';

describe('simhash', () => {
  it('is a 64-bit fingerprint with four 16-bit bands', () => {
    const f = simhash(BODY);
    expect(f.hex).toMatch(/^[0-9a-f]{16}$/);
    expect(bandsOf(f.hex)).toEqual(f.bands);
    expect(f.words).toBeGreaterThan(40);
  });

  it.each([
    ['the same text', BODY, 0],
    ['another dateline', 'دمشق (خاص) - ' + BODY, 0],
    ['diacritics and hamza variants', BODY.replace('أعلنت', 'اعلنت').replace('المدينة', 'المدينَة'), 0],
  ])('finds a copy with %s', (_name, other, expected) => {
    const a = simhash('حلب - ' + BODY);
    const b = simhash(other);
    expect(hammingDistance(a.hex, b.hex)).toBe(expected);
    expect(isNearDuplicate(a, b)).toBe(true);
  });

  it('keeps different articles far apart', () => {
    const texts = [BODY, FIXTURES.hasakahA.text, FIXTURES.idlib.text + ' ' + FIXTURES.mosul.text + ' ' + FIXTURES.aden.text];
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++) {
        expect(hammingDistance(simhash(texts[i]).hex, simhash(texts[j]).hex)).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE * 3);
      }
  });

  it('does not judge short notices (too few words)', () => {
    const a = simhash('قتل شخص في انفجار عبوة ناسفة');
    expect(isNearDuplicate(a, a)).toBe(false);
  });

  it.each([
    ['0000000000000000', '0000000000000000', 0],
    ['0000000000000000', '000000000000000f', 4],
    ['ffffffffffffffff', '0000000000000000', 64],
    ['8000000000000001', '0000000000000000', 2],
  ])('hammingDistance(%s, %s) = %i', (a, b, d) => {
    expect(hammingDistance(a, b)).toBe(d);
  });

  it('drops the dateline and the definite article from words', () => {
    expect(simhashWords('الحسكة (سانا) - قالت المصادر إن الطرق مغلقة')).toEqual(['قالت', 'مصادر', 'ان', 'طرق', 'مغلقه']);
  });
});
