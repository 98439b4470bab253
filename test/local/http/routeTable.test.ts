import { describe, expect, it } from 'vitest';
import { InvalidRouteError, RouteTable, type Route } from '../../../local/http';

const handler: Route['handler'] = async () => 'x';
const route = (method: Route['method'], path: string): Route => ({ method, path, handler });

describe('RouteTable', () => {
  const table = new RouteTable([
    route('ANY', '/{proxy+}'),
    route('GET', '/pets/{proxy+}'),
    route('GET', '/pets/dog/{id}'),
    route('GET', '/pets/dog/1'),
    route('ANY', '/pets/cat'),
    route('POST', '/pets/cat'),
    route('GET', '$default'),
  ]);

  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1', undefined],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}', { id: '2' }],
    ['GET', '/pets/dog/2/toys', 'GET /pets/{proxy+}', { proxy: 'dog/2/toys' }],
    ['POST', '/pets/dog/2', 'ANY /{proxy+}', { proxy: 'pets/dog/2' }],
    ['POST', '/pets/cat', 'POST /pets/cat', undefined],
    ['PUT', '/pets/cat', 'ANY /pets/cat', undefined],
    ['GET', '/', '$default', undefined],
  ])('%s %s → %s', (method, path, routeKey, pathParameters) => {
    const match = table.match(method, path);
    expect(match?.routeKey).toBe(routeKey);
    expect(match?.pathParameters).toEqual(pathParameters);
  });

  it('matches nothing without a $default route', () => {
    expect(new RouteTable([route('GET', '/a/{b}')]).match('GET', '/a')).toBeUndefined();
    expect(new RouteTable([route('GET', '/a/{b}')]).match('GET', '/a/')).toBeUndefined();
  });

  it.each([
    ['api/x', 'Invalid route "GET api/x": the path must start with "/".'],
    ['/a/{p+}/b', 'Invalid route "GET /a/{p+}/b": a greedy variable {name+} must be the last segment.'],
    ['/a/x{p}', 'Invalid route "GET /a/x{p}": segment "x{p}" mixes text and a path variable.'],
    ['/a/{p}/{p}', 'Invalid route "GET /a/{p}/{p}": path variable "p" appears twice.'],
    ['/a//b', 'Invalid route "GET /a//b": the path has an empty segment.'],
  ])('refuses %s', (path, message) => {
    expect(() => new RouteTable([route('GET', path)])).toThrow(new InvalidRouteError(`GET ${path}`, message.replace(/^.*": /, '')));
    expect(() => new RouteTable([route('GET', path)])).toThrow(message);
  });

  it('refuses a route key given twice', () => {
    expect(() => new RouteTable([route('GET', '/a'), route('GET', '/a')])).toThrow('Invalid route "GET /a": the route key is given twice.');
  });
});
