import { readFile, stat } from 'node:fs/promises';
import type { CountryResponse } from 'maxmind';
import { lazyModule } from '../platform/modules/lazy-module.js';

// Countries for the reading statistics, from a MaxMind DB file the operator downloads and
// names in GEOIP_DATABASE (GeoLite2 Country or City, DB-IP Country Lite, or any database in
// that format with a `country` or `registered_country` ISO code). No database ships with
// Masthead, and without one the country stays empty. The address is looked up in memory and
// never stored: only the two-letter code goes into the event.

const loadMaxmind = lazyModule(() => import('maxmind'));

/** A reader's country (ISO 3166 alpha-2, e.g. "UA"), or '' when the database has none. */
export type CountryLookup = (ip: string) => string;

const isoCode = (value: unknown) =>
  typeof value === 'string' && /^[A-Z]{2}$/.test(value) ? value : '';

/** Opens the database in `path`; throws a message naming the file when it cannot be used. */
export async function openCountryLookup(path: string): Promise<CountryLookup> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const { Reader } = await loadMaxmind();
  let reader: InstanceType<typeof Reader<CountryResponse>>;
  try {
    reader = new Reader<CountryResponse>(bytes);
  } catch (error) {
    throw new Error(
      `${path} is not a MaxMind DB (.mmdb) file: ${(error as Error).message}. Use GeoLite2-Country.mmdb, GeoLite2-City.mmdb or dbip-country-lite.mmdb (uncompressed).`,
    );
  }
  const ipv4Only = reader.metadata.ipVersion === 4;
  return (ip) => {
    const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
    if (ipv4Only && address.includes(':')) return '';
    try {
      const record = reader.get(address);
      return isoCode(record?.country?.iso_code) || isoCode(record?.registered_country?.iso_code);
    } catch {
      return ''; // not an address the database can answer for
    }
  };
}

/**
 * The lookup for GEOIP_DATABASE, re-opened when the file changes (operators replace it each
 * month); a replacement that cannot be read keeps the previous one and is reported.
 */
export async function watchedCountryLookup(
  path: string,
  report: (error: Error) => void,
  everyMs = 10 * 60_000,
): Promise<{ lookup: CountryLookup; close: () => void }> {
  let current = await openCountryLookup(path);
  let modified = (await stat(path)).mtimeMs;
  const timer = setInterval(() => {
    void (async () => {
      const now = (await stat(path)).mtimeMs;
      if (now === modified) return;
      current = await openCountryLookup(path);
      modified = now;
    })().catch(report);
  }, everyMs);
  timer.unref();
  return { lookup: (ip) => current(ip), close: () => clearInterval(timer) };
}
