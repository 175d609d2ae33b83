// The LeaseIdentity port for local processes: owners are "host:pid:run", and an owner on this host whose
// process is gone is dead for sure (its leases are taken back at once instead of after they expire).
// Owners on other hosts, or whose pid answers, are alive as far as we can tell.
import { hostname } from 'node:os';
import process from 'node:process';
import type { LeaseIdentity } from '../../core/pipeline/lease-identity.ts';
import { processExists } from './process-exists.ts';

/** e.g. `localLeaseIdentity('6f1c')` -> owner 'build-box:4242:6f1c'. */
export function localLeaseIdentity(runTag: string): LeaseIdentity {
  const host = hostname();
  return {
    owner: `${host}:${process.pid}:${runTag}`,
    isDead(owner) {
      const parts = owner.split(':');
      if (parts.length < 3) return false;
      const pid = Number(parts[parts.length - 2]);
      if (parts.slice(0, -2).join(':') !== host || !Number.isSafeInteger(pid) || pid <= 0) return false;
      return pid !== process.pid && !processExists(pid);
    },
  };
}
