/** The yauaa device classes the generator uses (the features issue reads `deviceClass`). */
export const DEVICE_CLASSES = { desktop: 'Desktop', phone: 'Phone', tablet: 'Tablet', robot: 'Robot' } as const;

/** One of {@link DEVICE_CLASSES}. */
export type DeviceClass = (typeof DEVICE_CLASSES)[keyof typeof DEVICE_CLASSES];

/**
 * A browser a visitor uses: its user-agent string and what Enrich's user-agent enrichments
 * (the legacy user-agent-utils fields, ua-parser and YAUAA) say about it.
 */
export interface UserAgentProfile {
  readonly useragent: string;
  readonly weight: number;
  /** Legacy `br_*`, `os_*`, `dvce_*` fields. */
  readonly browser: { readonly name: string; readonly family: string; readonly version: string; readonly type: string; readonly engine: string };
  readonly os: { readonly name: string; readonly family: string; readonly manufacturer: string };
  readonly device: { readonly type: string; readonly mobile: boolean };
  /** ua-parser: agent family and version, OS family and version, device family. */
  readonly uaParser: { readonly family: string; readonly version: string; readonly osFamily: string; readonly osVersion: string; readonly deviceFamily: string };
  /** YAUAA fields. */
  readonly yauaa: {
    readonly deviceClass: DeviceClass;
    readonly deviceName: string;
    readonly deviceBrand: string;
    readonly osClass: string;
    readonly osName: string;
    readonly osVersion: string;
    readonly engineName: string;
    readonly engineVersion: string;
    readonly agentClass: string;
    readonly agentName: string;
    readonly agentVersion: string;
  };
  /** Screen sizes (CSS pixels) the device has: `dvce_screenwidth` x `dvce_screenheight`. */
  readonly screens: readonly (readonly [number, number])[];
}

const desktopScreens = [[1920, 1080], [2560, 1440], [1536, 864], [1440, 900], [1366, 768]] as const;
const macScreens = [[1440, 900], [1512, 982], [1728, 1117], [2560, 1440]] as const;

/** The user agents of the demo shop's visitors, with their relative weights. */
export const USER_AGENTS: readonly UserAgentProfile[] = [
  {
    useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    weight: 24,
    browser: { name: 'Chrome', family: 'Chrome', version: '131.0.0.0', type: 'Browser', engine: 'WEBKIT' },
    os: { name: 'Windows 10', family: 'Windows', manufacturer: 'Microsoft Corporation' },
    device: { type: 'Computer', mobile: false },
    uaParser: { family: 'Chrome', version: '131.0.0', osFamily: 'Windows', osVersion: '10', deviceFamily: 'Other' },
    yauaa: { deviceClass: 'Desktop', deviceName: 'Desktop', deviceBrand: 'Unknown', osClass: 'Desktop', osName: 'Windows NT', osVersion: '??', engineName: 'Blink', engineVersion: '131.0', agentClass: 'Browser', agentName: 'Chrome', agentVersion: '131.0.0.0' },
    screens: desktopScreens,
  },
  {
    useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    weight: 6,
    browser: { name: 'Microsoft Edge', family: 'Edge', version: '131.0.0.0', type: 'Browser', engine: 'WEBKIT' },
    os: { name: 'Windows 10', family: 'Windows', manufacturer: 'Microsoft Corporation' },
    device: { type: 'Computer', mobile: false },
    uaParser: { family: 'Edge', version: '131.0.0', osFamily: 'Windows', osVersion: '10', deviceFamily: 'Other' },
    yauaa: { deviceClass: 'Desktop', deviceName: 'Desktop', deviceBrand: 'Unknown', osClass: 'Desktop', osName: 'Windows NT', osVersion: '??', engineName: 'Blink', engineVersion: '131.0', agentClass: 'Browser', agentName: 'Edge', agentVersion: '131.0.0.0' },
    screens: desktopScreens,
  },
  {
    useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    weight: 5,
    browser: { name: 'Firefox', family: 'Firefox', version: '133.0', type: 'Browser', engine: 'GECKO' },
    os: { name: 'Windows 10', family: 'Windows', manufacturer: 'Microsoft Corporation' },
    device: { type: 'Computer', mobile: false },
    uaParser: { family: 'Firefox', version: '133.0', osFamily: 'Windows', osVersion: '10', deviceFamily: 'Other' },
    yauaa: { deviceClass: 'Desktop', deviceName: 'Desktop', deviceBrand: 'Unknown', osClass: 'Desktop', osName: 'Windows NT', osVersion: '10.0', engineName: 'Gecko', engineVersion: '133.0', agentClass: 'Browser', agentName: 'Firefox', agentVersion: '133.0' },
    screens: desktopScreens,
  },
  {
    useragent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    weight: 8,
    browser: { name: 'Chrome', family: 'Chrome', version: '131.0.0.0', type: 'Browser', engine: 'WEBKIT' },
    os: { name: 'Mac OS X', family: 'Mac OS X', manufacturer: 'Apple Inc.' },
    device: { type: 'Computer', mobile: false },
    uaParser: { family: 'Chrome', version: '131.0.0', osFamily: 'Mac OS X', osVersion: '10.15.7', deviceFamily: 'Mac' },
    yauaa: { deviceClass: 'Desktop', deviceName: 'Apple Macintosh', deviceBrand: 'Apple', osClass: 'Desktop', osName: 'Mac OS', osVersion: '??', engineName: 'Blink', engineVersion: '131.0', agentClass: 'Browser', agentName: 'Chrome', agentVersion: '131.0.0.0' },
    screens: macScreens,
  },
  {
    useragent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    weight: 7,
    browser: { name: 'Safari', family: 'Safari', version: '18.1', type: 'Browser', engine: 'WEBKIT' },
    os: { name: 'Mac OS X', family: 'Mac OS X', manufacturer: 'Apple Inc.' },
    device: { type: 'Computer', mobile: false },
    uaParser: { family: 'Safari', version: '18.1', osFamily: 'Mac OS X', osVersion: '10.15.7', deviceFamily: 'Mac' },
    yauaa: { deviceClass: 'Desktop', deviceName: 'Apple Macintosh', deviceBrand: 'Apple', osClass: 'Desktop', osName: 'Mac OS', osVersion: '??', engineName: 'AppleWebKit', engineVersion: '605.1.15', agentClass: 'Browser', agentName: 'Safari', agentVersion: '18.1' },
    screens: macScreens,
  },
  {
    useragent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    weight: 2,
    browser: { name: 'Chrome', family: 'Chrome', version: '131.0.0.0', type: 'Browser', engine: 'WEBKIT' },
    os: { name: 'Linux', family: 'Linux', manufacturer: 'Other' },
    device: { type: 'Computer', mobile: false },
    uaParser: { family: 'Chrome', version: '131.0.0', osFamily: 'Linux', osVersion: '', deviceFamily: 'Other' },
    yauaa: { deviceClass: 'Desktop', deviceName: 'Linux Desktop', deviceBrand: 'Unknown', osClass: 'Desktop', osName: 'Linux', osVersion: '??', engineName: 'Blink', engineVersion: '131.0', agentClass: 'Browser', agentName: 'Chrome', agentVersion: '131.0.0.0' },
    screens: desktopScreens,
  },
  {
    useragent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    weight: 22,
    browser: { name: 'Mobile Safari', family: 'Safari', version: '18.1', type: 'Browser (mobile)', engine: 'WEBKIT' },
    os: { name: 'iOS', family: 'iOS', manufacturer: 'Apple Inc.' },
    device: { type: 'Mobile', mobile: true },
    uaParser: { family: 'Mobile Safari', version: '18.1', osFamily: 'iOS', osVersion: '18.1', deviceFamily: 'iPhone' },
    yauaa: { deviceClass: 'Phone', deviceName: 'Apple iPhone', deviceBrand: 'Apple', osClass: 'Mobile', osName: 'iOS', osVersion: '18.1', engineName: 'AppleWebKit', engineVersion: '605.1.15', agentClass: 'Browser', agentName: 'Safari', agentVersion: '18.1' },
    screens: [[393, 852], [390, 844], [430, 932], [375, 667]],
  },
  {
    useragent: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    weight: 14,
    browser: { name: 'Chrome Mobile', family: 'Chrome', version: '131.0.0.0', type: 'Browser (mobile)', engine: 'WEBKIT' },
    os: { name: 'Android 1.x', family: 'Android', manufacturer: 'Google Inc.' },
    device: { type: 'Mobile', mobile: true },
    uaParser: { family: 'Chrome Mobile', version: '131.0.0', osFamily: 'Android', osVersion: '10', deviceFamily: 'K' },
    yauaa: { deviceClass: 'Phone', deviceName: 'Android Mobile', deviceBrand: 'Unknown', osClass: 'Mobile', osName: 'Android', osVersion: '??', engineName: 'Blink', engineVersion: '131.0', agentClass: 'Browser', agentName: 'Chrome', agentVersion: '131.0.0.0' },
    screens: [[412, 915], [384, 854], [360, 800]],
  },
  {
    useragent: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
    weight: 5,
    browser: { name: 'Samsung Internet', family: 'Samsung Internet', version: '26.0', type: 'Browser (mobile)', engine: 'WEBKIT' },
    os: { name: 'Android 1.x', family: 'Android', manufacturer: 'Google Inc.' },
    device: { type: 'Mobile', mobile: true },
    uaParser: { family: 'Samsung Internet', version: '26.0', osFamily: 'Android', osVersion: '14', deviceFamily: 'Samsung SM-S918B' },
    yauaa: { deviceClass: 'Phone', deviceName: 'Samsung SM-S918B', deviceBrand: 'Samsung', osClass: 'Mobile', osName: 'Android', osVersion: '14', engineName: 'Blink', engineVersion: '122.0', agentClass: 'Browser', agentName: 'SamsungBrowser', agentVersion: '26.0' },
    screens: [[384, 824], [412, 915]],
  },
  {
    useragent: 'Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1',
    weight: 4,
    browser: { name: 'Mobile Safari', family: 'Safari', version: '17.7', type: 'Browser (mobile)', engine: 'WEBKIT' },
    os: { name: 'iOS', family: 'iOS', manufacturer: 'Apple Inc.' },
    device: { type: 'Tablet', mobile: true },
    uaParser: { family: 'Mobile Safari', version: '17.7', osFamily: 'iOS', osVersion: '17.7', deviceFamily: 'iPad' },
    yauaa: { deviceClass: 'Tablet', deviceName: 'Apple iPad', deviceBrand: 'Apple', osClass: 'Mobile', osName: 'iOS', osVersion: '17.7', engineName: 'AppleWebKit', engineVersion: '605.1.15', agentClass: 'Browser', agentName: 'Safari', agentVersion: '17.7' },
    screens: [[820, 1180], [768, 1024], [1024, 1366]],
  },
  {
    useragent: 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    weight: 2,
    browser: { name: 'Chrome', family: 'Chrome', version: '131.0.0.0', type: 'Browser', engine: 'WEBKIT' },
    os: { name: 'Android 1.x', family: 'Android', manufacturer: 'Google Inc.' },
    device: { type: 'Tablet', mobile: true },
    uaParser: { family: 'Chrome', version: '131.0.0', osFamily: 'Android', osVersion: '13', deviceFamily: 'Samsung SM-X710' },
    yauaa: { deviceClass: 'Tablet', deviceName: 'Samsung SM-X710', deviceBrand: 'Samsung', osClass: 'Mobile', osName: 'Android', osVersion: '13', engineName: 'Blink', engineVersion: '131.0', agentClass: 'Browser', agentName: 'Chrome', agentVersion: '131.0.0.0' },
    screens: [[800, 1280], [753, 1205]],
  },
  {
    useragent: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/131.0.6778.69 Safari/537.36',
    weight: 1,
    browser: { name: 'Robot/Spider', family: 'Robot/Spider', version: '', type: 'Robot', engine: 'OTHER' },
    os: { name: 'Unknown', family: 'Unknown', manufacturer: 'Other' },
    device: { type: 'Unknown', mobile: false },
    uaParser: { family: 'Googlebot', version: '2.1', osFamily: 'Other', osVersion: '', deviceFamily: 'Spider' },
    yauaa: { deviceClass: 'Robot', deviceName: 'Google', deviceBrand: 'Google', osClass: 'Cloud', osName: 'Cloud', osVersion: '??', engineName: 'Blink', engineVersion: '131.0', agentClass: 'Robot', agentName: 'Googlebot', agentVersion: '2.1' },
    screens: [[1024, 1024]],
  },
];

/** The weighted choice table over {@link USER_AGENTS}. */
export const USER_AGENT_WEIGHTS: readonly (readonly [UserAgentProfile, number])[] = USER_AGENTS.map((u) => [u, u.weight]);
