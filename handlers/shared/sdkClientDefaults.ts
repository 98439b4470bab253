/**
 * What every AWS SDK v3 client of the running system is built with: the Lambda entry points'
 * clients and those `snowline up` builds for its consumers and its event source mappings.
 *
 * `cacheMiddleware`: the client resolves a command's middleware stack on its first request and
 * reuses it, instead of resolving it again for every request. `npm run bench -- sdk` puts the
 * request every event of the enriched stream brings (the feature consumer's `PutRecord`) at
 * 574 µs of the caller's CPU as built by default and 498 µs with these defaults, on the 2-core
 * machine; the same request over Node's http costs 108 µs. The price: middleware added after
 * the first request is ignored. X-Ray's `captureAWSv3Client` adds its own when the client is
 * built, so it is kept; the tests' fault injection adds middleware to shared clients in
 * mid-suite, so clients that tests hand in do not take these defaults.
 */
export const SDK_CLIENT_DEFAULTS = { cacheMiddleware: true } as const;
