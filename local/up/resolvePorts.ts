import { PortInUseError } from '../http/errors';
import { PORT_NAMES, SERVICE_PORTS, type PortName } from './constants';
import { ServicePortConflictError, ServicePortInUseError } from './errors';
import { findFreePort, probePort } from './findFreePort';

/** The port of every service. */
export type ServicePorts = Readonly<Record<PortName, number>>;

const REASONS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'is in use',
  EACCES: 'cannot be used without privileges',
  EADDRNOTAVAIL: 'cannot be bound on this host',
};

/**
 * Every service's port: the requested one, else the default; 0 picks a free port. Checks them
 * all before anything starts, so a taken port fails fast with nothing half-started.
 *
 * @throws ServicePortConflictError when two services ask for the same port.
 * @throws ServicePortInUseError naming the port, the service and the option to change it.
 */
export async function resolvePorts(requested: Partial<Record<PortName, number>>, host: string): Promise<ServicePorts> {
  const ports: Partial<Record<PortName, number>> = {};
  const owner = new Map<number, PortName>();
  for (const name of PORT_NAMES) {
    let port = requested[name] ?? SERVICE_PORTS[name].defaultPort;
    while (port === 0 || (requested[name] === 0 && owner.has(port))) port = await findFreePort(host);
    const other = owner.get(port);
    if (other !== undefined) throw new ServicePortConflictError(port, SERVICE_PORTS[other].option, SERVICE_PORTS[name].option);
    owner.set(port, name);
    ports[name] = port;
  }
  const probes = await Promise.all(PORT_NAMES.map(async (name) => [name, await probePort(ports[name]!, host)] as const));
  for (const [name, code] of probes) {
    if (code !== undefined) {
      throw new ServicePortInUseError(ports[name]!, name, SERVICE_PORTS[name].option, REASONS[code] ?? `cannot be used (${code})`);
    }
  }
  return ports as ServicePorts;
}

/** Whether `error`, or any error in its cause chain, is a port already in use. */
export function isPortInUse(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    if (e instanceof PortInUseError || (e as NodeJS.ErrnoException).code === 'EADDRINUSE') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The error to show for a service that failed to listen: a {@link ServicePortInUseError} naming
 * the option when its port was taken in the meantime, else the error itself.
 */
export function portErrorFor(error: unknown, name: PortName, port: number): unknown {
  return isPortInUse(error) ? new ServicePortInUseError(port, name, SERVICE_PORTS[name].option, 'is in use', { cause: error }) : error;
}
