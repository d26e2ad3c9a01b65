/**
 * The local Docker engine through dockerode. docker-modem reads DOCKER_HOST (unix://, tcp://,
 * npipe://) and DOCKER_TLS_VERIFY/DOCKER_CERT_PATH itself; without them it uses the default socket.
 * Made lazily: loading dockerode costs ~0.1 s that an AWS-only check should not pay.
 */
import { createRequire } from 'node:module';
import type Docker from 'dockerode';

const require = createRequire(import.meta.url);

export function createLazyDocker(timeoutMs = 10_000): Docker {
  let docker: Docker | undefined;
  const real = () => {
    if (!docker) {
      const Dockerode = require('dockerode') as typeof Docker;
      docker = new Dockerode({ timeout: timeoutMs });
    }
    return docker;
  };
  return new Proxy({} as Docker, {
    get(_target, property) {
      const value = Reflect.get(real(), property);
      return typeof value === 'function' ? value.bind(real()) : value;
    },
  });
}
