import { request as httpRequest } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApi, type HttpApiService, type Route } from '../../../local/http';

interface Seen {
  event?: APIGatewayProxyEventV2;
  context?: Context;
}

/** A raw request, so repeated headers and exact bytes reach the server as written. */
const raw = (
  url: string,
  options: { method?: string; headers?: [string, string][]; body?: Buffer | string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> =>
  new Promise((resolve, reject) => {
    // Raw header arrays keep repeats apart; Node then adds no Host, so name it first.
    const length: [string, string][] = options.body === undefined ? [] : [['Content-Length', String(Buffer.byteLength(options.body))]];
    const flat = [['Host', new URL(url).host] as [string, string], ...(options.headers ?? []), ...length].flat();
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: flat }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });

describe('startHttpApi', () => {
  const seen: Seen = {};
  const record: Route['handler'] = async (event, context) => {
    seen.event = event;
    seen.context = context;
    return { statusCode: 200, body: 'ok' };
  };
  let ready = false;
  let api: HttpApiService;
  let staticDir: string;
  const errors: unknown[] = [];

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'snowline-static-'));
    await writeFile(join(staticDir, 'index.html'), '<h1>dash</h1>');
    await writeFile(join(staticDir, 'app.js'), 'console.log(1)');
    api = await startHttpApi({
      routes: [
        { method: 'GET', path: '/api/reports/{report}', handler: record, functionName: 'reports' },
        { method: 'GET', path: '/api/reports/top', handler: async () => 'literal route' },
        { method: 'POST', path: '/api/predict', handler: record },
        { method: 'PUT', path: '/api/blob', handler: record },
        { method: 'ANY', path: '/api/files/{proxy+}', handler: record },
        { method: 'GET', path: '/api/result/{kind}', handler: async (event) => results[event.pathParameters?.kind ?? ''] },
        {
          method: 'GET',
          path: '/api/boom',
          handler: async () => {
            throw new Error('kaput');
          },
        },
        { method: 'GET', path: '/api/slow', handler: () => new Promise((r) => setTimeout(() => r('late'), 2000)) },
      ],
      health: () => ({ ready, services: [{ name: 'kinesis', endpoint: 'http://127.0.0.1:4567' }] }),
      staticDir,
      integrationTimeoutMs: 300,
      onHandlerError: (error) => errors.push(error),
    });
  });
  afterAll(async () => {
    await api.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  const results: Record<string, unknown> = {
    string: 'Hello from Lambda!',
    object: { message: 'Hello from Lambda!' },
    structured: {
      statusCode: 201,
      headers: { 'X-Custom': 'yes', 'content-type': 'application/json', 'x-count': 3 },
      cookies: ['a=1; Path=/', 'b=2'],
      body: '{"created":true}',
    },
    base64: { statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true },
    bare: { statusCode: 204 },
    badStatus: { statusCode: 'two hundred', body: 'x' },
    objectBody: { statusCode: 200, body: { not: 'a string' } },
  };

  it('builds the exact 2.0 event for a GET with repeated query parameters, headers, cookies and a path parameter', async () => {
    // Act
    const response = await raw(`${api.endpoint}/api/reports/page%20views?window=5m&tag=a&tag=b&q=x%26y`, {
      headers: [
        ['User-Agent', 'vitest/1'],
        ['X-Multi', 'one'],
        ['X-Multi', 'two'],
        ['Cookie', 'session=abc; theme=dark'],
      ],
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('ok');
    const event = seen.event as APIGatewayProxyEventV2;
    const host = api.endpoint.slice('http://'.length);
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /api/reports/{report}',
      rawPath: '/api/reports/page%20views',
      rawQueryString: 'window=5m&tag=a&tag=b&q=x%26y',
      cookies: ['session=abc', 'theme=dark'],
      headers: {
        'user-agent': 'vitest/1',
        'x-multi': 'one,two',
        host,
        connection: 'keep-alive',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-port': String(api.port),
        'x-forwarded-proto': 'http',
        'x-amzn-trace-id': expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
      },
      queryStringParameters: { window: '5m', tag: 'a,b', q: 'x&y' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'snowline00',
        domainName: host,
        domainPrefix: '127',
        http: { method: 'GET', path: '/api/reports/page%20views', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest/1' },
        requestId: response.headers['apigw-requestid'],
        routeKey: 'GET /api/reports/{report}',
        stage: '$default',
        time: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        timeEpoch: expect.any(Number),
      },
      pathParameters: { report: 'page views' },
      isBase64Encoded: false,
    });
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    const epoch = new Date(event.requestContext.timeEpoch);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const hms = epoch.toISOString().slice(11, 19);
    expect(event.requestContext.time).toBe(
      `${String(epoch.getUTCDate()).padStart(2, '0')}/${months[epoch.getUTCMonth()]}/${epoch.getUTCFullYear()}:${hms} +0000`,
    );
    const context = seen.context as Context;
    expect(context.functionName).toBe('reports');
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:reports');
    expect(context.logGroupName).toBe('/aws/lambda/reports');
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(300);
  });

  it('prefers a literal route over a path variable and omits absent fields', async () => {
    const response = await raw(`${api.endpoint}/api/reports/top`);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('literal route');
    expect(response.headers['content-type']).toBe('application/json');
  });

  it('passes a POST JSON body as text', async () => {
    const body = JSON.stringify({ user_id: 'u1', features: [1, 2] });
    await raw(`${api.endpoint}/api/predict`, { method: 'POST', headers: [['Content-Type', 'application/json']], body });
    const event = seen.event as APIGatewayProxyEventV2;
    expect(event.routeKey).toBe('POST /api/predict');
    expect(event.body).toBe('{"user_id":"u1","features":[1,2]}');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.headers['content-length']).toBe(String(body.length));
    expect(event.cookies).toBeUndefined();
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.rawQueryString).toBe('');
  });

  it('base64-encodes a binary body', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    await raw(`${api.endpoint}/api/blob`, { method: 'PUT', headers: [['Content-Type', 'application/octet-stream']], body: bytes });
    const event = seen.event as APIGatewayProxyEventV2;
    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe('iVBORwD/');
  });

  it('captures a greedy {proxy+} for any method', async () => {
    await raw(`${api.endpoint}/api/files/a/b%2Fc/d.txt`, { method: 'DELETE' });
    const event = seen.event as APIGatewayProxyEventV2;
    expect(event.routeKey).toBe('ANY /api/files/{proxy+}');
    expect(event.pathParameters).toEqual({ proxy: 'a/b/c/d.txt' });
    expect(event.requestContext.http.method).toBe('DELETE');
  });

  it('answers a string result as 200 application/json with the string as body', async () => {
    const response = await raw(`${api.endpoint}/api/result/string`);
    expect([response.status, response.headers['content-type'], response.body.toString()]).toEqual([
      200,
      'application/json',
      'Hello from Lambda!',
    ]);
  });

  it('answers an object result without statusCode as 200 JSON', async () => {
    const response = await raw(`${api.endpoint}/api/result/object`);
    expect([response.status, response.headers['content-type'], response.body.toString()]).toEqual([
      200,
      'application/json',
      '{"message":"Hello from Lambda!"}',
    ]);
  });

  it('answers a structured result with its status, headers and one set-cookie per cookie', async () => {
    const response = await raw(`${api.endpoint}/api/result/structured`);
    expect(response.status).toBe(201);
    expect(response.headers['x-custom']).toBe('yes');
    expect(response.headers['x-count']).toBe('3');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2']);
    expect(response.body.toString()).toBe('{"created":true}');
  });

  it('decodes a base64 structured body', async () => {
    const response = await raw(`${api.endpoint}/api/result/base64`);
    expect(response.headers['content-type']).toBe('image/png');
    expect([...response.body]).toEqual([0, 1, 2, 255]);
  });

  it('answers a structured result without body as empty', async () => {
    const response = await raw(`${api.endpoint}/api/result/bare`);
    expect(response.status).toBe(204);
    expect(response.body.length).toBe(0);
  });

  it.each(['badStatus', 'objectBody'])('answers a malformed %s result with 500', async (kind) => {
    const response = await raw(`${api.endpoint}/api/result/${kind}`);
    expect(response.status).toBe(500);
    expect(response.body.toString()).toBe('{"message":"Internal Server Error"}');
  });

  it('answers 404 {"message":"Not Found"} without a route, also for a method the route lacks', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing'],
      ['DELETE', '/api/predict'],
      ['GET', '/api/reports'],
    ] as const) {
      const response = await raw(`${api.endpoint}${path}`, { method });
      expect([method, path, response.status, response.headers['content-type'], response.body.toString()]).toEqual([
        method,
        path,
        404,
        'application/json',
        '{"message":"Not Found"}',
      ]);
    }
  });

  it('answers 500 {"message":"Internal Server Error"} when the handler throws, and reports the error', async () => {
    const before = errors.length;
    const response = await raw(`${api.endpoint}/api/boom`);
    expect(response.status).toBe(500);
    expect(response.body.toString()).toBe('{"message":"Internal Server Error"}');
    expect((errors[before] as Error).message).toBe('kaput');
  });

  it('answers 503 when the handler overruns the integration timeout', async () => {
    const response = await raw(`${api.endpoint}/api/slow`);
    expect(response.status).toBe(503);
    expect(response.body.toString()).toBe('{"message":"Service Unavailable"}');
  });

  it('answers 413 for a body over 10 MB and still accepts exactly 10 MB', async () => {
    const limit = 10 * 1024 * 1024;
    const over = await raw(`${api.endpoint}/api/predict`, { method: 'POST', body: Buffer.alloc(limit + 1, 97) });
    expect(over.status).toBe(413);
    expect(over.body.toString()).toBe('{"message":"Request Entity Too Large"}');
    const at = await raw(`${api.endpoint}/api/predict`, { method: 'POST', headers: [['Content-Type', 'text/plain']], body: Buffer.alloc(limit, 97) });
    expect(at.status).toBe(200);
    expect(seen.event?.body?.length).toBe(limit);
  });

  it('reports health: 503 before ready, 200 with the services after', async () => {
    const before = await raw(`${api.endpoint}/api/health`);
    expect(before.status).toBe(503);
    expect(JSON.parse(before.body.toString())).toEqual({ ready: false, services: [{ name: 'kinesis', endpoint: 'http://127.0.0.1:4567' }] });
    ready = true;
    const after = await raw(`${api.endpoint}/api/health`);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body.toString())).toEqual({ ready: true, services: [{ name: 'kinesis', endpoint: 'http://127.0.0.1:4567' }] });
  });

  it('serves static files outside /api and never outside the directory', async () => {
    const index = await raw(`${api.endpoint}/`);
    expect([index.status, index.headers['content-type'], index.body.toString()]).toEqual([200, 'text/html; charset=utf-8', '<h1>dash</h1>']);
    const script = await raw(`${api.endpoint}/app.js`);
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    const escape = await raw(`${api.endpoint}/..%2F..%2Fetc%2Fpasswd`);
    expect(escape.status).toBe(404);
    const missing = await raw(`${api.endpoint}/nope.css`);
    expect(missing.status).toBe(404);
  });
});
