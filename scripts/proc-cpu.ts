// CPU time of a process or one of its threads, read from Linux's /proc: fields 14 and 15 (utime, stime) of
// /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat, in clock ticks of 1/100 s (USER_HZ). CPU time does not
// depend on how busy the rest of the machine is, unlike rates, so the benchmarks report it beside them.
import { readFileSync } from 'node:fs';

export const CLOCK_TICKS = 100;

export interface ProcCpu {
  /** The thread's or process's name (comm). */
  name: string;
  userSeconds: number;
  systemSeconds: number;
}

/** e.g. procCpu(`/proc/${pid}/stat`); null when it is gone (or this is not Linux). */
export function procCpu(statPath: string): ProcCpu | null {
  let stat: string;
  try {
    stat = readFileSync(statPath, 'utf8');
  } catch {
    return null;
  }
  // The name is in parentheses and may itself hold spaces or parentheses: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), userSeconds: Number(fields[11]) / CLOCK_TICKS, systemSeconds: Number(fields[12]) / CLOCK_TICKS };
}
