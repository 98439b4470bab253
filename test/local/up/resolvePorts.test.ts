import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KinesisStartError } from '../../../local/kinesis';
import { findFreePort, portErrorFor, resolvePorts, ServicePortConflictError, ServicePortInUseError } from '../../../local/up';
import { FREE_PORTS } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function occupy(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

describe('resolvePorts', () => {
  it('keeps the ports asked for and gives each 0 a distinct free port', async () => {
    const kinesis = await findFreePort();
    const ports = await resolvePorts({ ...FREE_PORTS, kinesis }, '127.0.0.1');
    expect(ports.kinesis).toBe(kinesis);
    expect(Object.keys(ports)).toEqual(['kinesis', 'dynamodb', 'featurestore', 'sagemaker', 'modelServer', 'postgres', 'http']);
    expect(new Set(Object.values(ports)).size).toBe(7);
    expect(Object.values(ports).every((port) => port > 0)).toBe(true);
  });

  it('names both options when two services ask for the same port', async () => {
    const port = await findFreePort();
    const error = await resolvePorts({ ...FREE_PORTS, sagemaker: port, http: port }, '127.0.0.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServicePortConflictError);
    expect((error as Error).message).toBe(`--sagemaker-port and --http-port both ask for port ${port}; give each service its own port`);
  });

  it('names the port, the service and the option when a port is in use', async () => {
    const port = await occupy();
    const error = await resolvePorts({ ...FREE_PORTS, postgres: port }, '127.0.0.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServicePortInUseError);
    expect((error as Error).message).toBe(`port ${port} is in use (postgres); choose another with --postgres-port`);
  });

  it('turns a port taken between the check and the listen into the same error, found in the cause chain', () => {
    const listenError = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    const mapped = portErrorFor(new KinesisStartError(4567, undefined, { cause: listenError }), 'kinesis', 4567);
    expect(mapped).toBeInstanceOf(ServicePortInUseError);
    expect((mapped as Error).message).toBe('port 4567 is in use (kinesis); choose another with --kinesis-port');
    const other = new Error('disk full');
    expect(portErrorFor(other, 'kinesis', 4567)).toBe(other);
  });
});
