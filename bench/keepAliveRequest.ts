import { request, type Agent } from 'node:http';

/**
 * One HTTP request with a JSON body through a keep-alive `agent`, resolving with the status and
 * the answer's body (whatever the status); the benchmarks' client without an SDK.
 *
 * @example
 * const { status } = await keepAliveRequest(agent, new URL('http://127.0.0.1:3000/predict'), 'POST', '{}', { 'x-api-key': key });
 */
export function keepAliveRequest(agent: Agent, url: URL, method: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
