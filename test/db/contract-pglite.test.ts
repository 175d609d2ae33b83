// The Db contract over PGlite, in memory (the same engine the embedded default keeps in its data folder).
import { openPglite } from '../../adapters/local/db/pglite.ts';
import { defineDbContract } from './contract.ts';

defineDbContract('pglite', {
  open: () => openPglite(),
});
