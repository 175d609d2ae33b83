// Where a command's CPU goes, by thread: runs it, samples /proc/<pid>/task/*/stat every 100 ms (a thread's
// last sample stands for its total; Linux only), and prints each thread's user and kernel time in four
// groups. Node names none of its threads, so the groups are inferred, and the rule is printed with them:
//   main       the thread whose id is the process id
//   workers    the N busiest other threads by user time (N = --workers: the analysis worker threads)
//   kernel     threads with more kernel than user time: libuv's pool doing file I/O (split's writes)
//   V8         the rest: V8's platform threads (garbage collection, optimising compilation)
//
//   node --import tsx scripts/thread-cpu.ts --workers 2 -- node bin/midi-pipeline.js run DIR --workers 2 ...
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { procCpu } from './proc-cpu.ts';

interface ThreadCpu {
  tid: number;
  user: number;
  system: number;
}

const separator = process.argv.indexOf('--');
if (separator < 0 || separator === process.argv.length - 1) {
  console.error('usage: thread-cpu.ts [--workers N] -- <command> [args...]');
  process.exit(2);
}
const { values } = parseArgs({ args: process.argv.slice(2, separator), options: { workers: { type: 'string', default: '2' } } });
const workers = Number(values.workers);
const [command, ...args] = process.argv.slice(separator + 1) as [string, ...string[]];

const child = spawn(command, args, { stdio: 'inherit' });
const threads = new Map<number, ThreadCpu>();
const sample = () => {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${child.pid}/task`);
  } catch {
    return; // exited
  }
  for (const tid of tids) {
    const cpu = procCpu(`/proc/${child.pid}/task/${tid}/stat`);
    if (cpu) threads.set(Number(tid), { tid: Number(tid), user: cpu.userSeconds, system: cpu.systemSeconds });
  }
};
const timer = setInterval(sample, 100);

child.on('close', (code) => {
  clearInterval(timer);
  const all = [...threads.values()].filter((t) => t.user + t.system > 0);
  const main = all.filter((t) => t.tid === child.pid);
  const rest = all.filter((t) => t.tid !== child.pid).sort((a, b) => b.user - a.user);
  const busiest = rest.slice(0, workers);
  const kernel = rest.slice(workers).filter((t) => t.system > t.user);
  const v8 = rest.slice(workers).filter((t) => t.system <= t.user);
  const total = all.reduce((a, t) => a + t.user + t.system, 0);
  const row = (group: string, list: ThreadCpu[]) => {
    const user = list.reduce((a, t) => a + t.user, 0);
    const system = list.reduce((a, t) => a + t.system, 0);
    const share = total > 0 ? (100 * (user + system)) / total : 0;
    console.error(`| ${group} | ${list.length} | ${user.toFixed(2)} | ${system.toFixed(2)} | ${share.toFixed(0)}% |`);
  };
  console.error('\n| threads (inferred, see scripts/thread-cpu.ts) | count | user s | kernel s | share |');
  console.error('|---|---:|---:|---:|---:|');
  row('main', main);
  row(`workers (the ${workers} busiest others)`, busiest);
  row("kernel-bound (libuv's pool: file I/O)", kernel);
  row("V8's platform threads (GC, compilation)", v8);
  console.error(`| all | ${all.length} | | | ${total.toFixed(2)} s |`);
  process.exitCode = code ?? 1;
});
