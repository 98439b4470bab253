/**
 * The dashboard's Content Security Policy: scripts, styles and images only from its own origin,
 * API calls only to its own origin, no inline script, no framing. Declared once: the local HTTP
 * server sends it as a header and CloudFront's response headers policy sends it on AWS
 * (`frame-ancestors` works only as a header; `dashboard/index.html` repeats the rest in a meta
 * tag for a page opened from disk).
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The security headers the dashboard's static files are served with, locally and on AWS. */
export const DASHBOARD_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};
