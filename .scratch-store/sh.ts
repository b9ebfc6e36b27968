import { FIXTURES } from '../src/store/testing/fixtures.ts';
import { simhash, hammingDistance } from '../src/merge/simhash.ts';
const a = simhash(FIXTURES.hasakahA.text), b = simhash(FIXTURES.hasakahCopy.text), c = simhash(FIXTURES.hasakahOther.text);
console.log(a, b, hammingDistance(a.hex, b.hex), hammingDistance(a.hex, c.hex));
