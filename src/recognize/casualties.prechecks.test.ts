import { describe, expect, it } from 'vitest';
import { findCasualties } from './casualties.ts';
import { findNumbers } from './numbers.ts';

/**
 * Phrasings at the edges of the cheap checks run before a rule's regex (what follows the first
 * word or the opening number, victim phrases, gaps, glued numbers): each must still be found
 * by the rule that found it when every regex ran everywhere.
 */
describe('pre-checks keep every match', () => {
  it.each([
    // a victim phrase after the first word: nisba (…يا, …يين), article, quotes, a dual
    ['أعلنت الشرطة أن فلسطينيا قتل برصاص الجيش', 'killed:1:killed-singular-subject'],
    ['ارتفع عدد الفلسطينيين الذين قتلوا في الغارات إلى 30', 'killed:30:killed-count-who-died'],
    ['أسفر القصف عن مقتل مدنيين 3 في القرية', 'killed:3:killed-victim-num'],
    ['مقتل الصحفي في القصف', 'killed:1:killed-singular-definite'],
    ['قتل "فلسطينيان" في غارة', 'killed:2:killed-dual'],
    ['إصابة طفلين بجروح', 'injured:2:injured-dual'],
    ['مقتل شخص وإصابة آخر', 'killed:1:killed-singular injured:1:injured-singular'],
    // after the opening number: a glued noun, "على الأقل" with commas, the next literal
    ['عثر على 17رجلا قتلوا في المعركة', 'killed:17:killed-num-victim-verb'],
    ['لقي 5 أشخاص على الأقل حتفهم', 'killed:5:killed-lost-lives'],
    ['سقوط 20 قتيلاً و30 جريحا', 'killed:20:killed-num-noun injured:30:injured-num-noun'],
    // a number after the first word, maybe after gap words (quoted ones too)
    ['قتل 12، على الأقل، في الانفجار', 'killed:12:killed-term-num'],
    ['أسفر الهجوم عن مقتل ما لا يقل عن 7 جنود', 'killed:7:killed-term-num'],
    ["قتلت القوات 'أمس' 4 مسلحين", 'killed:4:killed-gap-num-victim'],
    ['قتلت القوات أمس الأول 4 مسلحين', ''],
    ['أصيب 3 من عناصر الشرطة بجروح', 'injured:3:injured-term-num'],
    ['قتل 15 طفلا وامرأتان', 'killed:15:killed-term-num killed:2:killed-term-num'],
    ['نزوح 2000 عائلة من القرية', 'displaced:2000:displaced-term-num'],
    // next words with proclitics
    ['لم يسفر الهجوم عن وقوع أي إصابات', 'killed:0:no-casualties-not-result injured:0:no-casualties-not-result'],
    ['دون وقوع إصابات', 'killed:0:no-casualties-without injured:0:no-casualties-without'],
  ])('%s', (text, expected) => {
    expect(findCasualties(text).map((m) => `${m.kind}:${m.value}:${m.rule}`).join(' ')).toBe(expected);
  });
});

describe('number words behind proclitics', () => {
  it.each([
    ['وخمسة جرحى', 5, undefined],
    ['بعشرين صاروخا', 20, undefined],
    ['فالعشرات', null, 10],
    ['وبالعشرات', null, 10],
    ['لآلاف المدنيين', null, 1000],
  ])('%s', (text, value, min?: number) => {
    const [m] = findNumbers(text);
    expect(m?.value).toBe(value);
    expect(m?.vague?.min).toBe(min);
  });
});
