// Whether a process id belongs to a running process on this machine, for telling abandoned leases and
// temporary files from those of a live process.
import process from 'node:process';

/** Signal 0 checks for existence without sending anything: ESRCH means no such process; EPERM means it exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code !== 'ESRCH';
  }
}
