import type { EnrichedEvent } from '../../schemas/enriched-event';
import { CATEGORIES } from './categories';
import type { Rng } from './Rng';

/** How a session arrived, as the referer parser classifies it (`direct` leaves `refr_*` empty). */
export const REFERRER_KINDS = { direct: 'direct', search: 'search', social: 'social', email: 'email', unknown: 'unknown' } as const;

/** One of {@link REFERRER_KINDS}. */
export type ReferrerKind = (typeof REFERRER_KINDS)[keyof typeof REFERRER_KINDS];

/** Which kind of page a session lands on. */
export type LandingKind = 'home' | 'product' | 'category';

/** A session's external referrer: the fields Enrich derives from it and from the landing URL's query. */
export interface Referrer {
  readonly kind: ReferrerKind;
  /** The full referrer URL (`page_referrer`), or null for direct traffic. */
  readonly url: string | null;
  /** `refr_*` fields. */
  readonly fields: Partial<EnrichedEvent>;
  /** The landing URL's query (utm parameters, gclid), without '?', or null. */
  readonly landingQuery: string | null;
  /** `mkt_*` fields the campaign attribution enrichment derives from `landingQuery`. */
  readonly marketing: Partial<EnrichedEvent>;
  readonly landing: LandingKind;
}

const SEARCH_HOSTS: Record<string, string> = {
  DE: 'www.google.de', FR: 'www.google.fr', GB: 'www.google.co.uk', NL: 'www.google.nl', AT: 'www.google.at', CH: 'www.google.ch',
  IT: 'www.google.it', ES: 'www.google.es', SE: 'www.google.se', CA: 'www.google.ca', PL: 'www.google.pl',
};

const SOCIAL = [
  ['Facebook', 'l.facebook.com', '/'],
  ['Instagram', 'l.instagram.com', '/'],
  ['Pinterest', 'www.pinterest.com', '/'],
  ['Twitter', 't.co', '/q8Zk2LmA1x'],
  ['Reddit', 'www.reddit.com', '/r/skiing/comments/1gq4x2n/best_touring_setup_for_this_season/'],
] as const;

const WEBMAIL = [
  ['Gmail', 'mail.google.com', '/'],
  ['Outlook.com', 'outlook.live.com', '/'],
  ['Yahoo! Mail', 'mail.yahoo.com', '/'],
] as const;

const OTHER_SITES = [
  ['www.skiforum.example', '/threads/best-touring-skis-2026.4211/'],
  ['www.powderhounds.example', '/europe/gear-guide/'],
  ['blog.alpinelife.example', '/2026/11/what-to-pack-for-a-ski-week/'],
] as const;

const CAMPAIGNS = ['black-friday-2026', 'winter-sale-2026', 'new-season-drop'] as const;

const KIND_WEIGHTS: readonly (readonly [ReferrerKind, number])[] = [
  ['direct', 30], ['search', 35], ['social', 15], ['email', 12], ['unknown', 8],
];

function refr(host: string, path: string, query: string | null, medium: string, source: string | null, term: string | null): Partial<EnrichedEvent> {
  return {
    refr_urlscheme: 'https', refr_urlhost: host, refr_urlport: 443, refr_urlpath: path, refr_urlquery: query,
    refr_medium: medium, refr_source: source, refr_term: term,
  };
}

function urlOf(host: string, path: string, query: string | null): string {
  return `https://${host}${path}${query ? `?${query}` : ''}`;
}

function utm(source: string, medium: string, campaign: string, content: string | null): [string, Partial<EnrichedEvent>] {
  const query = `utm_source=${source}&utm_medium=${medium}&utm_campaign=${campaign}${content ? `&utm_content=${content}` : ''}`;
  return [query, { mkt_source: source, mkt_medium: medium, mkt_campaign: campaign, mkt_content: content }];
}

/** Draws how a new session arrives, for a visitor from `countryCode`; bots always come direct. */
export function pickReferrer(rng: Rng, countryCode: string, robot: boolean): Referrer {
  const kind = robot ? 'direct' : rng.weighted(KIND_WEIGHTS);
  switch (kind) {
    case 'direct':
      return { kind, url: null, fields: {}, landingQuery: null, marketing: {}, landing: rng.weighted([['home', 6], ['product', 3], ['category', 1]]) };
    case 'search': {
      const engine = rng.weighted([['Google', 70], ['Bing', 15], ['DuckDuckGo', 10], ['Ecosia', 5]] as const);
      const landing = rng.weighted<LandingKind>([['product', 5], ['category', 3], ['home', 2]]);
      const term = rng.pick(rng.pick(CATEGORIES).searchTerms);
      const q = term.replace(/ /g, '+');
      let host: string, path: string, query: string | null, parsedTerm: string | null;
      if (engine === 'Google') [host, path, query, parsedTerm] = [SEARCH_HOSTS[countryCode] ?? 'www.google.com', '/', null, null];
      else if (engine === 'Bing') [host, path, query, parsedTerm] = ['www.bing.com', '/search', `q=${q}&form=QBLH`, term];
      else if (engine === 'DuckDuckGo') [host, path, query, parsedTerm] = ['duckduckgo.com', '/', null, null];
      else [host, path, query, parsedTerm] = ['www.ecosia.org', '/search', `method=index&q=${q}`, term];
      let landingQuery: string | null = null;
      let marketing: Partial<EnrichedEvent> = {};
      if (engine === 'Google' && rng.chance(0.25)) {
        const clickId = `Cj0KCQiA${rng.uuid().replace(/-/g, '').slice(0, 24)}`;
        const [q2, m] = utm('google', 'cpc', rng.pick(CAMPAIGNS), null);
        marketing = { ...m, mkt_term: term, mkt_clickid: clickId, mkt_network: 'Google' };
        landingQuery = `${q2}&utm_term=${q}&gclid=${clickId}`;
      }
      return { kind, url: urlOf(host, path, query), fields: refr(host, path, query, 'search', engine, parsedTerm), landingQuery, marketing, landing };
    }
    case 'social': {
      const [source, host, path] = rng.pick(SOCIAL);
      const landing = rng.weighted<LandingKind>([['product', 7], ['category', 2], ['home', 1]]);
      const [landingQuery, marketing] = rng.chance(0.4) ? utm(source.toLowerCase(), 'social', rng.pick(CAMPAIGNS), null) : [null, {}];
      return { kind, url: urlOf(host, path, null), fields: refr(host, path, null, 'social', source, null), landingQuery, marketing, landing };
    }
    case 'email': {
      const [source, host, path] = rng.pick(WEBMAIL);
      const landing = rng.weighted<LandingKind>([['category', 5], ['product', 4], ['home', 1]]);
      const [landingQuery, marketing] = utm('newsletter', 'email', rng.pick(CAMPAIGNS), rng.pick(['hero-banner', 'product-grid', 'footer']));
      return { kind, url: urlOf(host, path, null), fields: refr(host, path, null, 'email', source, null), landingQuery, marketing, landing };
    }
    case 'unknown': {
      const [host, path] = rng.pick(OTHER_SITES);
      return { kind, url: urlOf(host, path, null), fields: refr(host, path, null, 'unknown', null, null), landingQuery: null, marketing: {}, landing: 'product' };
    }
  }
}
