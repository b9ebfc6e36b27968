import { describe, expect, it } from 'vitest';
import { arabicSkeleton, latinFirstWordSkeleton, latinSkeleton } from './skeleton.ts';
import { haversineKm, bearingDeg } from './distance.ts';

describe('[geo/skeleton] Arabic names meet GeoNames romanizations', () => {
  it.each([
    ['الملاجم', 'Al Malagim'],
    ['شدا', "Shada'a"],
    ['الوازعية', "Al Wazi'iyah"],
    ['رازح', 'Rāziḩ'],
    ['القبيطة', 'Al Qabbaytah'],
    ['مقبنة', 'Maqbanah'],
    ['التحيتا', 'At Tuhayat'],
    ['تلعفر', 'Tel Afar District'],
    ['سامراء', 'Qaḑā’ Sāmarrā’'],
  ])('%s ~ %s', (ar, latin) => {
    expect(arabicSkeleton(ar)).toBe(latinSkeleton(latin));
  });

  it.each([
    ['الحسكة', 'Mosul'],
    ['حلب', 'Homs'],
    ['إدلب', 'Idlib Governorate Province Khan'],
  ])('%s does not meet %s', (ar, latin) => {
    expect(arabicSkeleton(ar)).not.toBe(latinSkeleton(latin));
  });

  it('indexes the first word of a compound district name', () => {
    expect(latinFirstWordSkeleton("Kitaf wa Al Boqe'e")).toBe(arabicSkeleton('كتاف'));
    expect(latinFirstWordSkeleton('Rāziḩ')).toBe('');
  });
});

describe('[geo/distance]', () => {
  it('measures great-circle distances and bearings', () => {
    // al-Hasakah → Qamishli is about 80 km to the north-east
    const d = haversineKm(36.5024, 40.7477, 37.0522, 41.2314);
    expect(d).toBeGreaterThan(70);
    expect(d).toBeLessThan(80);
    expect(bearingDeg(36.5024, 40.7477, 37.0522, 41.2314)).toBeGreaterThan(20);
    expect(bearingDeg(36.5024, 40.7477, 37.0522, 41.2314)).toBeLessThan(50);
    expect(haversineKm(1, 2, 1, 2)).toBe(0);
  });
});
