import { defineFuzzSuite } from '../helpers/fuzz-suite.ts';

// The stress share: 10,000 generated requests per database (FUZZ_RUNS overrides), the figures
// SECURITY.md quotes; the regular suite sends 1,500 (test/api/fuzz.test.ts).
defineFuzzSuite(Number(process.env.FUZZ_RUNS ?? 10_000));
