import { defineFuzzSuite } from '../helpers/fuzz-suite.ts';

// The regular suite's share: enough to cover every operation on each database while CI stays
// fast. `npm run test:stress` sends 10,000 per database (test/stress/fuzz.test.ts).
defineFuzzSuite(Number(process.env.FUZZ_RUNS ?? 1500));
