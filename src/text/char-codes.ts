/**
 * @module text/char-codes
 * Character classes tested on one UTF-16 code unit, for scans that must not run a regex per
 * character.
 */

/** Arabic letters that proclitic readings test: و ف ب ل ك, and ا ل of the article. */
export const ALEF = 0x0627;
export const BEH = 0x0628;
export const FEH = 0x0641;
export const KAF = 0x0643;
export const LAM = 0x0644;
export const WAW = 0x0648;

/** JS \s on one code unit (WhiteSpace and LineTerminator), as /\s/ tests it. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
