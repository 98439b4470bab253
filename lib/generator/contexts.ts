import type { ContextsJson, SelfDescribingJson, UnstructJson } from '../../schemas/enriched-event-fields';
import { SCHEMAS } from './constants';
import type { UserAgentProfile } from './userAgents';

/** Wraps self-describing JSONs in the `contexts` envelope (`contexts`/`derived_contexts`). */
export function contextsEnvelope(data: SelfDescribingJson[]): ContextsJson {
  return { schema: SCHEMAS.contexts, data };
}

/** The tracker's web_page context: one id per page view, shared by every event on that page. */
export function webPageContext(id: string): SelfDescribingJson {
  return { schema: SCHEMAS.webPage, data: { id } };
}

/** What the tracker's client_session context says about the session. */
export interface ClientSession {
  readonly userId: string;
  readonly sessionId: string;
  readonly sessionIndex: number;
  readonly previousSessionId: string | null;
  readonly firstEventId: string;
  /** ISO-8601, from the device clock. */
  readonly firstEventTimestamp: string;
  /** 1 for the first event of the session. */
  readonly eventIndex: number;
}

/** The tracker's client_session context (1-0-2). */
export function clientSessionContext(session: ClientSession): SelfDescribingJson {
  return {
    schema: SCHEMAS.clientSession,
    data: {
      userId: session.userId,
      sessionId: session.sessionId,
      sessionIndex: session.sessionIndex,
      previousSessionId: session.previousSessionId,
      storageMechanism: 'COOKIE_1',
      firstEventId: session.firstEventId,
      firstEventTimestamp: session.firstEventTimestamp,
      eventIndex: session.eventIndex,
    },
  };
}

/** The ecommerce product context sent on product pages, with the price in the visitor's currency. */
export function productContext(
  product: { readonly sku: string; readonly name: string; readonly category: string },
  price: number,
  currency: string,
): SelfDescribingJson {
  return {
    schema: SCHEMAS.product,
    data: { id: product.sku, name: product.name, category: product.category, price, currency, brand: 'Snowline' },
  };
}

/** What the link tracker reports of a clicked link. */
export interface LinkClick {
  readonly targetUrl: string;
  readonly elementId: string;
  readonly elementClasses: readonly string[];
  readonly elementContent: string;
}

/** A link_click self-describing event in the `unstruct_event` envelope. */
export function linkClickEvent(click: LinkClick): UnstructJson {
  return {
    schema: SCHEMAS.unstructEvent,
    data: {
      schema: SCHEMAS.linkClick,
      data: {
        targetUrl: click.targetUrl,
        elementId: click.elementId,
        elementClasses: [...click.elementClasses],
        elementTarget: '',
        elementContent: click.elementContent,
      },
    },
  };
}

const major = (version: string): string => version.split('.')[0] ?? version;
const part = (version: string, i: number): string | null => version.split('.')[i] || null;

function uaParserContext(p: UserAgentProfile): SelfDescribingJson {
  const u = p.uaParser;
  return {
    schema: SCHEMAS.uaParser,
    data: {
      useragentFamily: u.family,
      useragentMajor: part(u.version, 0),
      useragentMinor: part(u.version, 1),
      useragentPatch: part(u.version, 2),
      useragentVersion: `${u.family} ${u.version}`,
      osFamily: u.osFamily,
      osMajor: part(u.osVersion, 0),
      osMinor: part(u.osVersion, 1),
      osPatch: part(u.osVersion, 2),
      osPatchMinor: null,
      osVersion: u.osVersion === '' ? u.osFamily : `${u.osFamily} ${u.osVersion}`,
      deviceFamily: u.deviceFamily,
    },
  };
}

function yauaaContext(p: UserAgentProfile): SelfDescribingJson {
  const y = p.yauaa;
  const robot = y.deviceClass === 'Robot';
  return {
    schema: SCHEMAS.yauaa,
    data: {
      deviceClass: y.deviceClass,
      deviceName: y.deviceName,
      deviceBrand: y.deviceBrand,
      ...(y.osClass === 'Desktop' ? { deviceCpu: 'Intel x86_64', deviceCpuBits: '64' } : {}),
      operatingSystemClass: y.osClass,
      operatingSystemName: y.osName,
      operatingSystemVersion: y.osVersion,
      operatingSystemVersionMajor: major(y.osVersion),
      operatingSystemNameVersion: `${y.osName} ${y.osVersion}`,
      operatingSystemNameVersionMajor: `${y.osName} ${major(y.osVersion)}`,
      layoutEngineClass: 'Browser',
      layoutEngineName: y.engineName,
      layoutEngineVersion: y.engineVersion,
      layoutEngineVersionMajor: major(y.engineVersion),
      layoutEngineNameVersion: `${y.engineName} ${y.engineVersion}`,
      layoutEngineNameVersionMajor: `${y.engineName} ${major(y.engineVersion)}`,
      agentClass: y.agentClass,
      agentName: y.agentName,
      agentVersion: y.agentVersion,
      agentVersionMajor: major(y.agentVersion),
      agentNameVersion: `${y.agentName} ${y.agentVersion}`,
      agentNameVersionMajor: `${y.agentName} ${major(y.agentVersion)}`,
      ...(robot ? { agentInformationUrl: 'http://www.google.com/bot.html' } : {}),
      webviewAppName: 'Unknown',
      webviewAppVersion: '??',
      networkType: 'Unknown',
    },
  };
}

function spidersAndRobotsContext(p: UserAgentProfile): SelfDescribingJson {
  const robot = p.yauaa.deviceClass === 'Robot';
  return {
    schema: SCHEMAS.spidersAndRobots,
    data: robot
      ? { spiderOrRobot: true, category: 'SPIDER_OR_ROBOT', reason: 'FAILED_UA_EXCLUDE', primaryImpact: 'UNKNOWN' }
      : { spiderOrRobot: false, category: 'BROWSER', reason: 'PASSED_ALL', primaryImpact: 'NONE' },
  };
}

const derivedCache = new WeakMap<UserAgentProfile, ContextsJson>();

/**
 * The `derived_contexts` Enrich adds for a user agent: ua_parser_context, YAUAA and the IAB
 * spiders and robots context. The same object for the same profile (it depends on nothing else).
 */
export function derivedContextsFor(profile: UserAgentProfile): ContextsJson {
  let derived = derivedCache.get(profile);
  if (derived === undefined) {
    derived = contextsEnvelope([uaParserContext(profile), yauaaContext(profile), spidersAndRobotsContext(profile)]);
    derivedCache.set(profile, derived);
  }
  return derived;
}
