import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidPseudonymisationKeyError, Pseudonymiser } from '../../../lib/privacy';
import { SecretsManagerKeyProvider } from '../../../stores/privacy';

/**
 * A minimal Secrets Manager speaking GetSecretValue on the wire (awsJson1_1, AWS's error shape),
 * so the real SDK client does the request: secrets by id, and a count of calls.
 */
const SECRETS: Record<string, { SecretString?: string; SecretBinary?: string }> = {
  'snowline/pseudonymisation': { SecretString: 'Kq3vT9xLm2RwZ8yNc4HdPb7FsJ6gUe1A' + 'a'.repeat(32) },
  'snowline/short': { SecretString: 'too-short' },
  'snowline/binary': { SecretBinary: Buffer.from('x'.repeat(40)).toString('base64') },
};
let calls = 0;
let server: Server;
let client: SecretsManagerClient;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      calls++;
      const target = request.headers['x-amz-target'];
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      const secret = SECRETS[SecretId];
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'secretsmanager.GetSecretValue' || secret === undefined) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }));
        return;
      }
      response.end(JSON.stringify({ ARN: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${SecretId}`, Name: SecretId, VersionId: 'v1', ...secret }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new SecretsManagerClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('SecretsManagerKeyProvider', () => {
  it('reads the SecretString once and keys the pseudonymiser with it', async () => {
    const before = calls;
    const provider = new SecretsManagerKeyProvider({ secretId: 'snowline/pseudonymisation', secretsManager: client });
    const [a, b] = await Promise.all([Pseudonymiser.fromProvider(provider), Pseudonymiser.fromProvider(provider)]);
    expect(calls - before).toBe(1);
    expect(a.hash('cust-000001')).toBe(new Pseudonymiser(SECRETS['snowline/pseudonymisation']!.SecretString!).hash('cust-000001'));
    expect(b.hash('x')).toBe(a.hash('x'));
  });

  it('names the secret and the problem: missing, too short, binary only, empty id', async () => {
    const key = (secretId: string) => new SecretsManagerKeyProvider({ secretId, secretsManager: client }).getKey();
    await expect(key('snowline/none')).rejects.toThrow(
      "pseudonymisation key from secret snowline/none: GetSecretValue failed (ResourceNotFoundException: Secrets Manager can't find the specified secret.)",
    );
    await expect(key('snowline/short')).rejects.toThrow('pseudonymisation key from secret snowline/short: the key has 9 characters; at least 32 are needed');
    await expect(key('snowline/binary')).rejects.toThrow('the secret has no SecretString (a binary secret is not supported)');
    expect(() => new SecretsManagerKeyProvider({ secretId: '' })).toThrow(InvalidPseudonymisationKeyError);
  });

  it('tries again after a failed read instead of keeping the failure', async () => {
    const provider = new SecretsManagerKeyProvider({ secretId: 'snowline/later', secretsManager: client });
    await expect(provider.getKey()).rejects.toThrow(InvalidPseudonymisationKeyError);
    SECRETS['snowline/later'] = { SecretString: 'L'.repeat(40) };
    await expect(provider.getKey()).resolves.toBe('L'.repeat(40));
  });
});
