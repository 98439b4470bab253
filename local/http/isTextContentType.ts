/**
 * Whether API Gateway passes a request body of this content type as text rather than base64.
 *
 * HTTP APIs hand the integration text bodies as they are and base64-encode everything else
 * (images, archives, `application/octet-stream`, forms, a body without a content type). Text
 * here means `text/*`, JSON, JavaScript, XML and YAML, including `+json` / `+xml` suffixes.
 */
export const isTextContentType = (contentType: string | undefined): boolean => {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType.startsWith('text/')) return true;
  if (/^application\/(json|javascript|ecmascript|xml|yaml|x-yaml|graphql)$/.test(mediaType)) return true;
  return /^application\/[\w.+-]+\+(json|xml)$/.test(mediaType);
};
