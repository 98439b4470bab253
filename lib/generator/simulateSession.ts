import type { EnrichedEvent } from '../../schemas/enriched-event';
import type { SelfDescribingJson } from '../../schemas/enriched-event-fields';
import { addToCartFields, type CartLine, transactionFields, unitCents } from './cartEvents';
import { clientSessionContext, contextsEnvelope, linkClickEvent, type LinkClick, productContext, webPageContext } from './contexts';
import { centsToAmount } from './currencies';
import { eventTypeFields } from './eventTypes';
import { CART_PAGE, CHECKOUT_PAGE, CONFIRMATION_PAGE, internalReferrerFields, type Page, type PagePicker, pageFields, pageUrl } from './pages';
import type { Referrer } from './referrers';
import type { Rng } from './Rng';
import { EMPTY_EVENT } from './toTsvLine';
import type { Visitor } from './Visitor';
import { visitorFields } from './visitorFields';

/** What one session needs to know. */
export interface SessionInput {
  readonly rng: Rng;
  readonly visitor: Visitor;
  readonly picker: PagePicker;
  readonly referrer: Referrer;
  /** When the session's first page view happens (true time, epoch ms). */
  readonly startMs: number;
  readonly sessionId: string;
  readonly sessionIndex: number;
  readonly previousSessionId: string | null;
}

/** One event of a session: when it happens (true time) and its fields, timestamps still empty. */
export interface PlannedEvent {
  readonly atMs: number;
  readonly event: EnrichedEvent;
}

/** Page views in one session at most. */
const MAX_PAGES = 30;
/** Page pings per page view at most (about five minutes of reading). */
const MAX_PINGS = 30;

interface Draft {
  atMs: number;
  values: Partial<EnrichedEvent>;
  page: Partial<EnrichedEvent>;
  pageContexts: SelfDescribingJson[];
}

function nextPage(rng: Rng, picker: PagePicker, page: Page, pageNo: number, cartSize: number, robot: boolean): Page | null {
  if (page.kind === 'confirmation') return rng.chance(0.15) ? picker.page('product', rng) : null;
  if (page.kind === 'checkout') return rng.chance(0.75) ? CONFIRMATION_PAGE : rng.chance(0.4) ? CART_PAGE : null;
  if (page.kind === 'cart') return cartSize > 0 && rng.chance(0.65) ? CHECKOUT_PAGE : rng.chance(0.5) ? picker.page('product', rng) : null;
  if (rng.chance(pageNo === 0 ? 0.33 : 0.2)) return null;
  if (!robot && cartSize > 0 && rng.chance(0.25)) return CART_PAGE;
  const kind = rng.weighted([['product', 55], ['category', 18], ['search', robot ? 0 : 9], ['home', 8], ['content', 6]] as const);
  return picker.page(kind, rng);
}

function clickOn(next: Page): Omit<LinkClick, 'targetUrl'> {
  switch (next.kind) {
    case 'product':
      return { elementId: `product-card-${next.product!.sku}`, elementClasses: ['product-card__link', 'js-track'], elementContent: next.product!.name };
    case 'cart':
      return { elementId: 'header-cart', elementClasses: ['header__cart', 'icon-link'], elementContent: 'Cart' };
    case 'checkout':
      return { elementId: 'checkout-button', elementClasses: ['button', 'button--primary'], elementContent: 'Go to checkout' };
    case 'confirmation':
      return { elementId: 'place-order', elementClasses: ['button', 'button--primary'], elementContent: 'Place order' };
    default:
      return { elementId: '', elementClasses: ['nav__link'], elementContent: next.title.split(' | ')[0]! };
  }
}

const OUTBOUND: readonly LinkClick[] = [
  { targetUrl: 'https://www.instagram.com/snowline.shop/', elementId: '', elementClasses: ['footer__social', 'footer__social--instagram'], elementContent: 'Instagram' },
  { targetUrl: 'https://www.youtube.com/@snowlineshop', elementId: '', elementClasses: ['footer__social', 'footer__social--youtube'], elementContent: 'YouTube' },
  { targetUrl: 'https://www.trustpilot.com/review/shop.snowline.example', elementId: 'reviews-badge', elementClasses: ['badge'], elementContent: 'Rated 4.7 out of 5' },
];

/**
 * Simulates one visit: the landing page from its referrer, then page views with page pings
 * while the visitor reads, link clicks before navigating, add-to-cart events on product pages,
 * and, for carts that reach the confirmation page, a transaction and its items.
 */
export function simulateSession(input: SessionInput): PlannedEvent[] {
  const { rng, visitor, picker, referrer } = input;
  const robot = visitor.userAgent.yauaa.deviceClass === 'Robot';
  const currency = visitor.country.currency;
  const drafts: Draft[] = [];
  const cart: CartLine[] = [];
  const mobile = visitor.userAgent.device.mobile;

  let page: Page | null = picker.page(referrer.landing, rng);
  // Only the landing page carries the campaign query; later pages keep their own (search terms).
  let query = referrer.landingQuery ?? page.query;
  let refr: Partial<EnrichedEvent> = { page_referrer: referrer.url, ...referrer.fields, ...referrer.marketing };
  let t = input.startMs;
  for (let pageNo = 0; page !== null && pageNo < MAX_PAGES; pageNo++) {
    const docHeight = Math.round(page.height * (mobile ? 1.9 : 1));
    const pageState: Partial<EnrichedEvent> = { ...pageFields(page, query), ...refr, doc_height: docHeight };
    const pageContexts = [webPageContext(rng.uuid())];
    if (page.product) {
      pageContexts.push(productContext(page.product, centsToAmount(unitCents(page.product, currency)), currency));
    }
    const add = (atMs: number, values: Partial<EnrichedEvent>) => drafts.push({ atMs, values, page: pageState, pageContexts });

    add(t, eventTypeFields('page_view'));
    if (page.kind === 'confirmation' && cart.length > 0) {
      const orderId = `ord-${rng.uuid().replace(/-/g, '').slice(0, 12)}`;
      transactionFields(orderId, cart, currency, visitor.country, visitor.city).forEach((values, i) => add(t + 600 + i * 3, values));
      cart.length = 0;
    }

    const dwell = robot ? rng.int(800, 4000) : Math.round(Math.min(Math.max(rng.logNormal(20_000, 0.9), 2_500), 600_000));
    if (!robot) {
      const maxScroll = Math.max(0, docHeight - visitor.viewport[1]);
      let y = 0;
      for (let k = 0; k < MAX_PINGS && 5_000 + k * 10_000 < dwell; k++) {
        const min = rng.chance(0.2) ? rng.int(0, y) : y;
        y = Math.min(maxScroll, y + rng.int(0, 900));
        add(t + 5_000 + k * 10_000 + rng.int(0, 400), {
          ...eventTypeFields('page_ping'),
          pp_xoffset_min: 0,
          pp_xoffset_max: 0,
          pp_yoffset_min: Math.min(min, y),
          pp_yoffset_max: y,
        });
      }
    }
    if (page.product && !robot && rng.chance(0.15)) {
      const product = page.product;
      add(t + Math.round(dwell * (0.3 + 0.6 * rng.next())), addToCartFields(product, currency));
      const line = cart.find((l) => l.product.sku === product.sku);
      if (line) line.quantity++;
      else cart.push({ product, quantity: 1, unitCents: unitCents(product, currency) });
    }

    const next = nextPage(rng, picker, page, pageNo, cart.length, robot);
    if (next === null) {
      if (!robot && rng.chance(0.06)) add(t + dwell, { ...eventTypeFields('link_click'), unstruct_event: linkClickEvent(rng.pick(OUTBOUND)) });
      break;
    }
    if (!robot && rng.chance(0.6)) {
      add(t + dwell - rng.int(80, 400), { ...eventTypeFields('link_click'), unstruct_event: linkClickEvent({ targetUrl: pageUrl(next), ...clickOn(next) }) });
    }
    refr = { page_referrer: pageUrl(page, query), ...internalReferrerFields(page, query) };
    query = next.query;
    t += dwell + rng.int(250, 2_500);
    page = next;
  }

  drafts.sort((a, b) => a.atMs - b.atMs);
  const base = {
    ...EMPTY_EVENT,
    ...visitorFields(visitor),
    domain_sessionid: input.sessionId,
    domain_sessionidx: input.sessionIndex,
    user_id: !robot && visitor.customer && rng.chance(0.75) ? visitor.customer.id : null,
  };
  const firstEventId = rng.uuid();
  const firstEventTimestamp = new Date(input.startMs + visitor.clockSkewMs).toISOString();
  return drafts.map((draft, i) => {
    const eventId = i === 0 ? firstEventId : rng.uuid();
    const session = clientSessionContext({
      userId: visitor.domainUserid,
      sessionId: input.sessionId,
      sessionIndex: input.sessionIndex,
      previousSessionId: input.previousSessionId,
      firstEventId,
      firstEventTimestamp,
      eventIndex: i + 1,
    });
    const event: EnrichedEvent = {
      ...base,
      ...draft.page,
      ...draft.values,
      event_id: eventId,
      contexts: contextsEnvelope([...draft.pageContexts, session]),
    };
    return { atMs: draft.atMs, event };
  });
}
