/**
 * Regenerates `samples/` from the incident scenario (deterministic: run it after changing the line library,
 * then commit the result; `test/samples/samples.test.ts` fails while they differ).
 *
 *   node --import tsx benchmarks/make-samples.ts [--out samples]
 * @module
 */
import { parseArgs } from 'node:util';
import { writeSamples } from './lib/write-samples.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'samples' } } });
const written = writeSamples(values.out);
process.stdout.write(`wrote ${written.length} files under ${values.out}/\n`);
