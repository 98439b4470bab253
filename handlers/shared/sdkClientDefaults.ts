/**
 * What every AWS SDK v3 client of the running system is built with: the Lambda entry points'
 * clients and those `snowline up` builds for its consumers and its event source mappings.
 *
 * `cacheMiddleware`: the client resolves a command's middleware stack on its first request and
 * reuses it, instead of resolving it again for every request. That was about a fifth of a small
 * request's client CPU (`PutRecord` at 32 in flight against the local Feature Store: about
 * 1,080 µs → 810-900 µs a call on the 2-core machine), and every event of the enriched stream
 * costs one. The price: middleware added after the first request is ignored. X-Ray's
 * `captureAWSv3Client` adds its own when the client is built, so it is kept; the tests' fault
 * injection adds middleware to shared clients in mid-suite, so clients that tests hand in do not
 * take these defaults.
 */
export const SDK_CLIENT_DEFAULTS = { cacheMiddleware: true } as const;
