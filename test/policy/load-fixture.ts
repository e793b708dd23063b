import { readFileSync } from 'node:fs';

/** Reads a JSON fixture under test/fixtures/. */
export function loadFixture<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as T;
}
