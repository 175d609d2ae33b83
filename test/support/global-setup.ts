// Once per test run: a fresh PostgreSQL database for this run (dropped afterwards), exposed to the suites
// as TEST_DATABASE_URL. Suites that need isolation from each other create their own on top (see db.ts).
import postgres from 'postgres';
import { ensureMidoReference, hasCorpus } from './mido.ts';

const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export default async function setup(): Promise<() => Promise<void>> {
  // The mido reference (about two minutes on a clean clone, then cached in node_modules/.cache) is made
  // here, before any test's timeout starts: the first suite to need it would otherwise spend its 60 s
  // waiting. Without the corpus or python3-mido the suites that need it say so themselves.
  if (hasCorpus()) {
    try {
      ensureMidoReference();
    } catch (error) {
      console.warn(`global setup: no mido reference (${String(error).split('\n')[0]})`);
    }
  }
  const name = `mp_run_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.TEST_DATABASE_URL = url.toString();
  return async () => {
    const again = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await again.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await again.end({ timeout: 5 });
    }
  };
}
