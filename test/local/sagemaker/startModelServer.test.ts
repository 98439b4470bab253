import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaceholderModel, startModelServer, type ModelServerService } from '../../../local/sagemaker';

const post = async (url: string, body: string, headers: Record<string, string>) => {
  const response = await fetch(`${url}/invocations`, { method: 'POST', body, headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

describe('startModelServer', () => {
  let server: ModelServerService;
  let loading: ModelServerService;
  let failing: ModelServerService;

  beforeAll(async () => {
    server = await startModelServer({ model: createPlaceholderModel({ featureNames: ['views', 'carts'] }) });
    loading = await startModelServer({ model: new Promise(() => undefined) });
    failing = await startModelServer({
      model: { name: 'broken', version: 'test', featureNames: ['x'], predict: () => { throw new Error('matrix is singular'); } },
    });
  });
  afterAll(async () => {
    await Promise.all([server.close(), loading.close(), failing.close()]);
  });

  it('answers GET /ping 200 once the model is loaded and 503 while it loads', async () => {
    const ready = await fetch(`${server.endpoint}/ping`);
    expect([ready.status, await ready.text()]).toEqual([200, '']);
    const notYet = await fetch(`${loading.endpoint}/ping`);
    expect([notYet.status, await notYet.text()]).toEqual([503, 'The model is still loading.']);
    expect((await post(loading.endpoint, '1,2', { 'content-type': 'text/csv' })).status).toBe(503);
  });

  it('predicts one line per CSV row', async () => {
    expect(await post(server.endpoint, '0,0\n1,3\r\n-1,-1\n', { 'content-type': 'text/csv' })).toEqual({
      status: 200,
      type: 'text/csv',
      text: '0.5\n0.8807970779778823\n0.2689414213699951',
    });
  });

  it.each([
    ['instances of arrays', '{"instances":[[0,0],[1,3]]}'],
    ['instances of features', '{"instances":[{"features":[0,0]},{"features":[1,3]}]}'],
    ['a bare array of rows', '[[0,0],[1,3]]'],
  ])('reads JSON %s', async (_, body) => {
    expect(await post(server.endpoint, body, { 'content-type': 'application/json; charset=utf-8' })).toEqual({
      status: 200,
      type: 'application/json',
      text: '{"predictions":[{"score":0.5},{"score":0.8807970779778823}]}',
    });
  });

  it.each([
    ['{"features":[1,3]}', '{"predictions":[{"score":0.8807970779778823}]}'],
    ['[0,0]', '{"predictions":[{"score":0.5}]}'],
  ])('reads a single JSON row %s', async (body, expected) => {
    expect((await post(server.endpoint, body, { 'content-type': 'application/json' })).text).toBe(expected);
  });

  it.each([
    ['application/json', 'text/csv', 'application/json', '{"predictions":[{"score":0.5}]}'],
    ['text/csv;q=0.5, application/json', 'text/csv', 'application/json', '{"predictions":[{"score":0.5}]}'],
    ['*/*', 'application/json', 'application/json', '{"predictions":[{"score":0.5}]}'],
    ['text/*', 'application/json', 'text/csv', '0.5'],
    ['image/png, text/csv', 'application/json', 'text/csv', '0.5'],
  ])('answers Accept %s to a %s request in %s', async (accept, contentType, type, text) => {
    const body = contentType === 'text/csv' ? '0,0' : '[[0,0]]';
    expect(await post(server.endpoint, body, { 'content-type': contentType, accept })).toEqual({ status: 200, type, text });
  });

  it('refuses an Accept it cannot meet with 406', async () => {
    expect(await post(server.endpoint, '0,0', { 'content-type': 'text/csv', accept: 'application/x-protobuf' })).toEqual({
      status: 406,
      type: 'text/plain; charset=utf-8',
      text: 'Accept type application/x-protobuf is not supported; accept one of: text/csv, application/json.',
    });
  });

  it('refuses other content types with 415', async () => {
    expect(await post(server.endpoint, '<x/>', { 'content-type': 'application/xml' })).toEqual({
      status: 415,
      type: 'text/plain; charset=utf-8',
      text: 'Content type application/xml is not supported; send one of: text/csv, application/json.',
    });
  });

  it.each([
    ['text/csv', '1,2\n3,x\n', 'CSV line 2, column 2: "x" is not a finite number.'],
    ['text/csv', '1,,2', 'CSV line 1, column 2 is empty; every value must be a number.'],
    ['text/csv', '\n\n', 'The CSV body has no rows.'],
    ['text/csv', '1,2\n3,4,5', 'Row 2 has 3 values; model placeholder-logistic expects 2: views, carts.'],
    ['application/json', '{"instances":[[1,2],[3,"4"]]}', 'Invalid JSON body: instances[1]: expected an array of numbers or {"features": [numbers]}.'],
    ['application/json', '{"features":[1,"a"]}', 'Invalid JSON body: features[1]: Invalid input: expected number, received string.'],
    ['application/json', '{"instances":[]}', 'Invalid JSON body: instances: Too small: expected array to have >=1 items.'],
    ['application/json', '{"rows":[[1,2]]}', 'Invalid JSON body: expected {"instances": [...]}, {"features": [...]} or an array of rows.'],
    ['application/json', '{"instances": [[1,2]', "Invalid JSON body: Expected ',' or ']' after array element in JSON at position 20"],
  ])('answers 400 naming the problem for %s %s', async (contentType, body, message) => {
    expect(await post(server.endpoint, body, { 'content-type': contentType })).toEqual({
      status: 400,
      type: 'text/plain; charset=utf-8',
      text: message,
    });
  });

  it('answers 500 when the model throws', async () => {
    expect(await post(failing.endpoint, '1', { 'content-type': 'text/csv' })).toEqual({
      status: 500,
      type: 'text/plain; charset=utf-8',
      text: 'Model broken failed to predict: matrix is singular',
    });
  });

  it('answers 404 for paths outside the contract', async () => {
    const response = await fetch(`${server.endpoint}/models`);
    expect([response.status, await response.text()]).toEqual([404, 'No route for GET /models; the container serves GET /ping and POST /invocations.']);
  });

  it('labels the placeholder model as a placeholder', () => {
    const model = createPlaceholderModel({ featureNames: ['a'] });
    expect([model.name, model.version]).toEqual(['placeholder-logistic', 'placeholder-1']);
    expect(() => createPlaceholderModel({ featureNames: ['a', 'b'], weights: [1] })).toThrow(
      'A placeholder model needs one weight per feature: 2 features, 1 weights.',
    );
  });
});
