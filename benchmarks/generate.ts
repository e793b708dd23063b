/**
 * Generates a benchmark archive (deterministic for a seed) and its manifest `<out>.manifest.json`.
 *
 *   node --import tsx benchmarks/generate.ts --form ndjson|filter-log-events|s3-gz|firehose \
 *     --size 200MB --seed 42 --out benchmarks/data/ndjson-200MB-s42.ndjson [--file-size 16MB] [--force]
 *
 * Sizes are uncompressed bytes (`KB`/`MB`/`GB` decimal, `KiB`/`MiB`/`GiB` binary). `s3-gz` and `firehose` write a
 * directory. `benchmarks/data/` is git-ignored.
 * @module
 */
import { parseArgs } from 'node:util';
import { generateArchive } from './lib/generate-archive.js';
import { parseSize } from './lib/size.js';
import { ARCHIVE_FORMS, type ArchiveForm } from './lib/sinks.js';

const { values } = parseArgs({
  options: {
    form: { type: 'string' },
    size: { type: 'string', default: '200MB' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string' },
    'file-size': { type: 'string', default: '16MB' },
    streams: { type: 'string', default: '8' },
    force: { type: 'boolean', default: false },
  },
});
const form = values.form as ArchiveForm;
if (!ARCHIVE_FORMS.includes(form)) throw new TypeError(`--form: one of ${ARCHIVE_FORMS.join(', ')}`);
if (values.out === undefined) throw new TypeError('--out: the file (or directory) to write');
const started = performance.now();
const manifest = await generateArchive({
  form, out: values.out, targetBytes: parseSize(values.size), seed: Number(values.seed), fileBytes: parseSize(values['file-size']),
  streams: Number(values.streams), force: values.force,
  onProgress: (bytes) => process.stderr.write(`\r${(bytes / 1e6).toFixed(0)} MB`),
});
const seconds = (performance.now() - started) / 1000;
process.stderr.write(
  `\r${values.out}: ${(manifest.textBytes / 1e6).toFixed(1)} MB text, ${(manifest.diskBytes / 1e6).toFixed(1)} MB on disk, ` +
    `${manifest.files} file(s), ${manifest.events} events, ${manifest.traces} traces in ${seconds.toFixed(1)} s\n`,
);
