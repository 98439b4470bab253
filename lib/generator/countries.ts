/** A city visitors come from, with what the IP lookups enrichment fills for it. */
export interface City {
  readonly name: string;
  /** The ISO 3166-2 subdivision code without the country prefix, as `geo_region` holds it. */
  readonly region: string;
  readonly regionName: string;
  readonly zipcode: string;
  readonly latitude: number;
  readonly longitude: number;
  /** The IANA time zone, as `geo_timezone` holds it. */
  readonly timezone: string;
}

/** A country of the shop's visitors. */
export interface Country {
  /** ISO 3166-1 alpha-2, as `geo_country` holds it. */
  readonly code: string;
  /** Relative share of visitors. */
  readonly weight: number;
  /** The browser language (`br_lang`). */
  readonly language: string;
  /** The currency the shop charges there. */
  readonly currency: string;
  /** VAT included in prices, as a fraction. */
  readonly vat: number;
  /** First two octets of the public IPv4 blocks visitors get (illustrative, never private ranges). */
  readonly ipBlocks: readonly (readonly [number, number])[];
  readonly cities: readonly City[];
}

const city = (
  name: string,
  region: string,
  regionName: string,
  zipcode: string,
  latitude: number,
  longitude: number,
  timezone: string,
): City => ({ name, region, regionName, zipcode, latitude, longitude, timezone });

/** The countries of the demo shop's visitors and customers, with cities and relative weights. */
export const COUNTRIES: readonly Country[] = [
  {
    code: 'DE', weight: 22, language: 'de-DE', currency: 'EUR', vat: 0.19, ipBlocks: [[85, 214], [91, 64], [178, 27]],
    cities: [
      city('Berlin', 'BE', 'Land Berlin', '10115', 52.5321, 13.3849, 'Europe/Berlin'),
      city('Munich', 'BY', 'Bavaria', '80331', 48.1374, 11.5755, 'Europe/Berlin'),
      city('Hamburg', 'HH', 'Hamburg', '20095', 53.5507, 10.0014, 'Europe/Berlin'),
      city('Cologne', 'NW', 'North Rhine-Westphalia', '50667', 50.9384, 6.9599, 'Europe/Berlin'),
    ],
  },
  {
    code: 'FR', weight: 12, language: 'fr-FR', currency: 'EUR', vat: 0.2, ipBlocks: [[90, 3], [82, 64]],
    cities: [
      city('Paris', 'IDF', 'Île-de-France', '75001', 48.8602, 2.3477, 'Europe/Paris'),
      city('Lyon', 'ARA', 'Auvergne-Rhône-Alpes', '69001', 45.7676, 4.8345, 'Europe/Paris'),
      city('Chamonix', 'ARA', 'Auvergne-Rhône-Alpes', '74400', 45.9237, 6.8694, 'Europe/Paris'),
    ],
  },
  {
    code: 'GB', weight: 14, language: 'en-GB', currency: 'GBP', vat: 0.2, ipBlocks: [[81, 2], [86, 128]],
    cities: [
      city('London', 'ENG', 'England', 'EC1A', 51.5164, -0.093, 'Europe/London'),
      city('Manchester', 'ENG', 'England', 'M1', 53.4794, -2.2453, 'Europe/London'),
      city('Edinburgh', 'SCT', 'Scotland', 'EH1', 55.9521, -3.1965, 'Europe/London'),
    ],
  },
  {
    code: 'US', weight: 16, language: 'en-US', currency: 'USD', vat: 0, ipBlocks: [[73, 162], [98, 207], [24, 5]],
    cities: [
      city('Denver', 'CO', 'Colorado', '80202', 39.7525, -104.9995, 'America/Denver'),
      city('New York', 'NY', 'New York', '10001', 40.7484, -73.9967, 'America/New_York'),
      city('Seattle', 'WA', 'Washington', '98101', 47.6101, -122.3344, 'America/Los_Angeles'),
      city('Salt Lake City', 'UT', 'Utah', '84101', 40.7547, -111.8911, 'America/Denver'),
    ],
  },
  {
    code: 'NL', weight: 6, language: 'nl-NL', currency: 'EUR', vat: 0.21, ipBlocks: [[77, 160], [145, 53]],
    cities: [
      city('Amsterdam', 'NH', 'North Holland', '1012', 52.3759, 4.8975, 'Europe/Amsterdam'),
      city('Utrecht', 'UT', 'Utrecht', '3511', 52.0908, 5.1222, 'Europe/Amsterdam'),
    ],
  },
  {
    code: 'AT', weight: 5, language: 'de-AT', currency: 'EUR', vat: 0.2, ipBlocks: [[80, 108], [62, 178]],
    cities: [
      city('Vienna', '9', 'Vienna', '1010', 48.2085, 16.3721, 'Europe/Vienna'),
      city('Innsbruck', '7', 'Tyrol', '6020', 47.2654, 11.3927, 'Europe/Vienna'),
    ],
  },
  {
    code: 'CH', weight: 5, language: 'de-CH', currency: 'CHF', vat: 0.081, ipBlocks: [[83, 76], [178, 197]],
    cities: [
      city('Zurich', 'ZH', 'Zurich', '8001', 47.3717, 8.5423, 'Europe/Zurich'),
      city('Zermatt', 'VS', 'Valais', '3920', 46.0207, 7.7491, 'Europe/Zurich'),
    ],
  },
  {
    code: 'IT', weight: 5, language: 'it-IT', currency: 'EUR', vat: 0.22, ipBlocks: [[79, 20], [151, 38]],
    cities: [
      city('Milan', '25', 'Lombardy', '20121', 45.4722, 9.1922, 'Europe/Rome'),
      city('Turin', '21', 'Piedmont', '10121', 45.0705, 7.6868, 'Europe/Rome'),
    ],
  },
  {
    code: 'ES', weight: 4, language: 'es-ES', currency: 'EUR', vat: 0.21, ipBlocks: [[83, 44], [88, 27]],
    cities: [
      city('Madrid', 'MD', 'Madrid', '28001', 40.4165, -3.7026, 'Europe/Madrid'),
      city('Barcelona', 'CT', 'Catalonia', '08001', 41.3888, 2.159, 'Europe/Madrid'),
    ],
  },
  {
    code: 'SE', weight: 4, language: 'sv-SE', currency: 'SEK', vat: 0.25, ipBlocks: [[78, 69], [90, 224]],
    cities: [
      city('Stockholm', 'AB', 'Stockholm County', '111 20', 59.3294, 18.0687, 'Europe/Stockholm'),
      city('Åre', 'Z', 'Jämtland County', '837 52', 63.399, 13.0815, 'Europe/Stockholm'),
    ],
  },
  {
    code: 'CA', weight: 4, language: 'en-CA', currency: 'USD', vat: 0.05, ipBlocks: [[70, 48], [142, 113]],
    cities: [
      city('Vancouver', 'BC', 'British Columbia', 'V6B', 49.2819, -123.1187, 'America/Vancouver'),
      city('Montreal', 'QC', 'Quebec', 'H2Y', 45.5088, -73.5878, 'America/Toronto'),
    ],
  },
  {
    code: 'PL', weight: 3, language: 'pl-PL', currency: 'EUR', vat: 0.23, ipBlocks: [[83, 24], [89, 64]],
    cities: [
      city('Warsaw', '14', 'Mazovia', '00-001', 52.2298, 21.0118, 'Europe/Warsaw'),
      city('Zakopane', '12', 'Lesser Poland', '34-500', 49.2992, 19.9496, 'Europe/Warsaw'),
    ],
  },
];

/** The weighted choice table over {@link COUNTRIES}. */
export const COUNTRY_WEIGHTS: readonly (readonly [Country, number])[] = COUNTRIES.map((c) => [c, c.weight]);

/** The country with this ISO code; throws for one the shop does not know. */
export function countryByCode(code: string): Country {
  const found = COUNTRIES.find((c) => c.code === code);
  if (found === undefined) throw new RangeError(`countryByCode: unknown country "${code}"`);
  return found;
}
