import { CATEGORIES, COLOURS, MODEL_NAMES } from './categories';
import { DEFAULT_CATALOG_SEED } from './constants';
import { COUNTRY_WEIGHTS } from './countries';
import { InvalidGeneratorOptionError } from './errors';
import { Rng, deriveSeed } from './Rng';

/** A product of the demo shop. Its SKU is `se_label`, `ti_sku` and the path `/products/<sku>`. */
export interface Product {
  /** e.g. `SKU-00042`. */
  readonly sku: string;
  /** e.g. `Glacier Shell Jacket`. */
  readonly name: string;
  /** The category's display name, e.g. `Jackets`. */
  readonly category: string;
  /** The category's slug, e.g. `jackets`. */
  readonly categorySlug: string;
  /** Price in the base currency (EUR), two decimals. */
  readonly price: number;
}

/** A registered customer. Its id is the `user_id` of the events it sends when logged in. */
export interface Customer {
  /** e.g. `cust-000123`. */
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  /** ISO 3166-1 alpha-2; a customer browses from there. */
  readonly country: string;
  /** When the account was created, ISO-8601 UTC, always before the default traffic start. */
  readonly createdAt: string;
}

/** The demo shop's catalogue: the data shared by the event generator and the PostgreSQL seed. */
export interface Catalog {
  readonly products: readonly Product[];
  readonly customers: readonly Customer[];
}

/** Options of {@link buildCatalog}. */
export interface CatalogOptions {
  /** The catalogue seed. @default 1 ({@link DEFAULT_CATALOG_SEED}) */
  readonly seed?: number;
  /** How many products. Range 1-99999. @default 240 */
  readonly products?: number;
  /** How many customers. Range 1-999999. @default 800 */
  readonly customers?: number;
}

const FIRST_NAMES = ['Anna', 'Lukas', 'Emma', 'Noah', 'Mia', 'Liam', 'Sofia', 'Elias', 'Olivia', 'Jonas', 'Chloé', 'Hugo', 'Freya', 'Oscar', 'Ines', 'Matteo', 'Zoe', 'Finn', 'Maja', 'Leon', 'Grace', 'Theo', 'Alba', 'Nils'];
const LAST_NAMES = ['Müller', 'Schmidt', 'Martin', 'Bernard', 'Smith', 'Jones', 'Johnson', 'Brown', 'de Jong', 'Jansen', 'Rossi', 'Bianchi', 'García', 'Fernández', 'Andersson', 'Nilsson', 'Gruber', 'Huber', 'Meier', 'Kowalski', 'Tremblay', 'Roy', 'Wilson', 'Taylor'];

/** The start of the window in which customers signed up: 2023-01-01. */
const SIGNUP_FROM = Date.UTC(2023, 0, 1);
/** The end of that window: 2026-11-01, before the default traffic start. */
const SIGNUP_TO = Date.UTC(2026, 10, 1);

function checkCount(option: string, value: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new InvalidGeneratorOptionError(option, value, `a whole number from 1 to ${max}`);
  }
}

function slugAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .toLowerCase()
    .replace(/ +/g, '');
}

/**
 * Builds the demo shop's catalogue, deterministically from its seed: the same options give the
 * same products and customers on every run, so the database seed and the events agree.
 *
 * @example
 * ```ts
 * const { products, customers } = buildCatalog();
 * products[0]; // { sku: 'SKU-00001', name: '…', category: 'Jackets', categorySlug: 'jackets', price: 129.9 }
 * customers[0].id; // 'cust-000001'
 * ```
 */
export function buildCatalog(options: CatalogOptions = {}): Catalog {
  const seed = options.seed ?? DEFAULT_CATALOG_SEED;
  const productCount = options.products ?? 240;
  const customerCount = options.customers ?? 800;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidGeneratorOptionError('seed', seed, 'a whole number of at least 0');
  checkCount('products', productCount, 99_999);
  checkCount('customers', customerCount, 999_999);

  const productRng = new Rng(deriveSeed(seed, 'catalog.products'));
  const names = new Set<string>();
  const products: Product[] = [];
  for (let i = 0; i < productCount; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    let name = `${productRng.pick(MODEL_NAMES)} ${productRng.pick(category.nouns)}`;
    for (let c = 0; names.has(name); c++) {
      name = `${name.replace(/ \(.*\)$/, '')} (${COLOURS[c % COLOURS.length]}${c >= COLOURS.length ? ` ${Math.floor(c / COLOURS.length) + 1}` : ''})`;
    }
    names.add(name);
    // Prices end in .90 or .00 like a real shop's.
    const raw = productRng.int(category.minCents, category.maxCents);
    const cents = Math.floor(raw / 1000) * 1000 + (productRng.chance(0.7) ? 990 : 0);
    products.push({
      sku: `SKU-${String(i + 1).padStart(5, '0')}`,
      name,
      category: category.name,
      categorySlug: category.slug,
      price: Math.max(cents, 990) / 100,
    });
  }

  const customerRng = new Rng(deriveSeed(seed, 'catalog.customers'));
  const customers: Customer[] = [];
  for (let i = 0; i < customerCount; i++) {
    const firstName = customerRng.pick(FIRST_NAMES);
    const lastName = customerRng.pick(LAST_NAMES);
    const country = customerRng.weighted(COUNTRY_WEIGHTS).code;
    const createdAt = SIGNUP_FROM + Math.floor(customerRng.next() * (SIGNUP_TO - SIGNUP_FROM));
    const id = `cust-${String(i + 1).padStart(6, '0')}`;
    customers.push({
      id,
      firstName,
      lastName,
      email: `${slugAscii(firstName)}.${slugAscii(lastName)}.${i + 1}@example.com`,
      country,
      createdAt: new Date(Math.floor(createdAt / 1000) * 1000).toISOString(),
    });
  }
  return { products, customers };
}
