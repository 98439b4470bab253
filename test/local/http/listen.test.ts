import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeServer, listen, PortInUseError } from '../../../local/http';

describe('listen', () => {
  it('resolves with the bound port and url when 0 asks for a free one', async () => {
    const server = createServer((_, res) => res.end('hi'));
    const address = await listen(server, 0, '127.0.0.1');
    try {
      expect(address.port).toBeGreaterThan(0);
      expect(address.url).toBe(`http://127.0.0.1:${address.port}`);
      expect(await (await fetch(address.url)).text()).toBe('hi');
    } finally {
      await closeServer(server);
    }
    expect(server.listening).toBe(false);
  });

  it('rejects with PortInUseError naming the port when it is taken', async () => {
    const first = createServer();
    const { port } = await listen(first, 0, '127.0.0.1');
    const second = createServer();
    try {
      const error = await listen(second, port, '127.0.0.1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as PortInUseError).name).toBe('PortInUseError');
      expect((error as PortInUseError).port).toBe(port);
      expect((error as PortInUseError).message).toBe(
        `Port ${port} on 127.0.0.1 is already in use by another process; stop it or choose another port.`,
      );
    } finally {
      await closeServer(first);
      await closeServer(second);
    }
  });
});
