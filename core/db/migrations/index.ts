// Every migration, in order. Append new ones; never edit or reorder applied ones.
import { initial } from './0001-initial.ts';
import { fingerprintIndex } from './0002-fingerprint-index.ts';
import { filesCreatedByWrite } from './0003-files-created-by-write.ts';
import type { Migration } from './types.ts';

export type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [initial, fingerprintIndex, filesCreatedByWrite];
