import type { EnrichedEvent } from '../../schemas/enriched-event';
import { APP_ID, VERSIONS } from './constants';
import { derivedContextsFor } from './contexts';
import type { Visitor } from './Visitor';

const cache = new WeakMap<Visitor, Partial<EnrichedEvent>>();

/**
 * The fields that are the same on every event of a visitor: tracker and pipeline versions, IP
 * and geo lookups, user agent and what Enrich derives from it, browser and device settings.
 */
export function visitorFields(visitor: Visitor): Partial<EnrichedEvent> {
  let fields = cache.get(visitor);
  if (fields !== undefined) return fields;
  const { userAgent: ua, city, country } = visitor;
  const desktop = !ua.device.mobile;
  fields = {
    app_id: APP_ID,
    platform: 'web',
    name_tracker: VERSIONS.nameTracker,
    v_tracker: VERSIONS.tracker,
    v_collector: VERSIONS.collector,
    v_etl: VERSIONS.etl,
    user_ipaddress: visitor.ip,
    domain_userid: visitor.domainUserid,
    network_userid: visitor.networkUserid,
    geo_country: country.code,
    geo_region: city.region,
    geo_city: city.name,
    geo_zipcode: city.zipcode,
    geo_latitude: city.latitude,
    geo_longitude: city.longitude,
    geo_region_name: city.regionName,
    geo_timezone: city.timezone,
    useragent: ua.useragent,
    br_name: ua.browser.name,
    br_family: ua.browser.family,
    br_version: ua.browser.version || null,
    br_type: ua.browser.type,
    br_renderengine: ua.browser.engine,
    br_lang: country.language,
    br_features_pdf: desktop,
    br_features_flash: false,
    br_features_java: false,
    br_features_director: false,
    br_features_quicktime: false,
    br_features_realplayer: false,
    br_features_windowsmedia: false,
    br_features_gears: false,
    br_features_silverlight: false,
    br_cookies: true,
    br_colordepth: ua.os.family === 'Mac OS X' ? '30' : '24',
    br_viewwidth: visitor.viewport[0],
    br_viewheight: visitor.viewport[1],
    os_name: ua.os.name,
    os_family: ua.os.family,
    os_manufacturer: ua.os.manufacturer,
    os_timezone: city.timezone,
    dvce_type: ua.device.type,
    dvce_ismobile: ua.device.mobile,
    dvce_screenwidth: visitor.screen[0],
    dvce_screenheight: visitor.screen[1],
    doc_charset: 'UTF-8',
    doc_width: visitor.viewport[0],
    derived_contexts: derivedContextsFor(ua),
  };
  cache.set(visitor, fields);
  return fields;
}
