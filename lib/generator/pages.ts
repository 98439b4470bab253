import type { EnrichedEvent } from '../../schemas/enriched-event';
import type { Catalog, Product } from './catalog';
import { CATEGORIES, type Category } from './categories';
import { SHOP_HOST, SHOP_ORIGIN } from './constants';
import type { Rng } from './Rng';
import { ZipfSampler } from './ZipfSampler';

/** The kinds of page the demo shop has. */
export const PAGE_KINDS = {
  home: 'home',
  category: 'category',
  product: 'product',
  search: 'search',
  cart: 'cart',
  checkout: 'checkout',
  confirmation: 'confirmation',
  content: 'content',
} as const;

/** One of {@link PAGE_KINDS}. */
export type PageKind = (typeof PAGE_KINDS)[keyof typeof PAGE_KINDS];

/** A page of the shop. */
export interface Page {
  readonly kind: PageKind;
  readonly path: string;
  /** The URL query without '?', or null. */
  readonly query: string | null;
  readonly title: string;
  /** The product shown, on product pages. */
  readonly product?: Product;
  /** Document height in CSS pixels on a desktop-width layout. */
  readonly height: number;
}

const CONTENT_PAGES: readonly Page[] = [
  { kind: 'content', path: '/help/shipping', query: null, title: 'Shipping and delivery | Snowline', height: 2600 },
  { kind: 'content', path: '/help/returns', query: null, title: 'Returns and exchanges | Snowline', height: 2400 },
  { kind: 'content', path: '/blog/layering-guide', query: null, title: 'The layering guide: stay warm on the hill | Snowline Journal', height: 7800 },
  { kind: 'content', path: '/blog/how-to-wax-your-skis', query: null, title: 'How to wax your skis at home | Snowline Journal', height: 6400 },
  { kind: 'content', path: '/stores', query: null, title: 'Our stores | Snowline', height: 3000 },
  { kind: 'content', path: '/about', query: null, title: 'About Snowline | Snowline', height: 3400 },
];

/** The home page. */
export const HOME_PAGE: Page = {
  kind: 'home',
  path: '/',
  query: null,
  title: 'Snowline | Ski, snowboard and winter mountain gear, shipped across Europe and North America',
  height: 5200,
};

/** The cart page. */
export const CART_PAGE: Page = { kind: 'cart', path: '/cart', query: null, title: 'Your cart | Snowline', height: 1800 };

/** The checkout page. */
export const CHECKOUT_PAGE: Page = { kind: 'checkout', path: '/checkout', query: null, title: 'Checkout | Snowline', height: 2200 };

/** The order confirmation page, where transactions are tracked. */
export const CONFIRMATION_PAGE: Page = {
  kind: 'confirmation',
  path: '/checkout/confirmation',
  query: null,
  title: 'Thank you for your order | Snowline',
  height: 1600,
};

/** The product page of a product: `/products/<sku>`. */
export function productPage(product: Product): Page {
  return { kind: 'product', path: `/products/${product.sku}`, query: null, title: `${product.name} | ${product.category} | Snowline`, product, height: 4200 };
}

/** The listing page of a category: `/c/<slug>`. */
export function categoryPage(category: Category): Page {
  return { kind: 'category', path: `/c/${category.slug}`, query: null, title: `${category.name} | Snowline`, height: 6400 };
}

/** The search results page for a term: `/search?q=<term>`. */
export function searchPage(term: string): Page {
  return { kind: 'search', path: '/search', query: `q=${term.replace(/ /g, '+')}`, title: `Search results for "${term}" | Snowline`, height: 5000 };
}

/** The full URL of a page, with `query` in place of the page's own when given. */
export function pageUrl(page: Page, query: string | null = page.query): string {
  return `${SHOP_ORIGIN}${page.path}${query ? `?${query}` : ''}`;
}

/** The `page_*` fields of an event on `page` (the landing page carries the campaign query). */
export function pageFields(page: Page, query: string | null): Partial<EnrichedEvent> {
  return {
    page_url: pageUrl(page, query),
    page_title: page.title,
    page_urlscheme: 'https',
    page_urlhost: SHOP_HOST,
    page_urlport: 443,
    page_urlpath: page.path,
    page_urlquery: query,
  };
}

/** The `refr_*` fields of a page reached from another page of the shop (`refr_medium` internal). */
export function internalReferrerFields(from: Page, query: string | null): Partial<EnrichedEvent> {
  return {
    refr_urlscheme: 'https',
    refr_urlhost: SHOP_HOST,
    refr_urlport: 443,
    refr_urlpath: from.path,
    refr_urlquery: query,
    refr_medium: 'internal',
  };
}

/**
 * Picks pages with Zipf-distributed popularity: a few products, categories and articles get
 * most views. Popularity order is a seeded shuffle of the catalogue, so it is not SKU order.
 */
export class PagePicker {
  private readonly products: readonly Product[];
  private readonly categories: readonly Category[];
  private readonly content: readonly Page[];
  private readonly productZipf: ZipfSampler;
  private readonly categoryZipf: ZipfSampler;
  private readonly contentZipf: ZipfSampler;

  constructor(catalog: Catalog, rng: Rng) {
    this.products = rng.shuffled(catalog.products);
    this.categories = rng.shuffled(CATEGORIES);
    this.content = rng.shuffled(CONTENT_PAGES);
    this.productZipf = new ZipfSampler(this.products.length, 1.05);
    this.categoryZipf = new ZipfSampler(this.categories.length, 0.8);
    this.contentZipf = new ZipfSampler(this.content.length, 1);
  }

  /** A product, most popular first. */
  product(rng: Rng): Product {
    return this.products[this.productZipf.sample(rng)]!;
  }

  /** A category, most popular first. */
  category(rng: Rng): Category {
    return this.categories[this.categoryZipf.sample(rng)]!;
  }

  /** A page of a given kind among home, category, product, search and content. */
  page(kind: 'home' | 'category' | 'product' | 'search' | 'content', rng: Rng): Page {
    switch (kind) {
      case 'home':
        return HOME_PAGE;
      case 'category':
        return categoryPage(this.category(rng));
      case 'product':
        return productPage(this.product(rng));
      case 'search':
        return searchPage(rng.pick(this.category(rng).searchTerms));
      case 'content':
        return this.content[this.contentZipf.sample(rng)]!;
    }
  }
}
