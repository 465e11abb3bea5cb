import { readConfig } from '../lib/config';
import { ensureTemplate } from '../lib/db/template';

// `npm run seed`: build the template database now instead of on first start.
const config = readConfig();
console.log(`Scale Lab: checking the template dataset in ${config.dataDir} (scale ${config.scale})...`);
const result = ensureTemplate(config.dataDir, config.scale);
if (result.built) {
  const s = result.size;
  console.log(
    `Built ${result.path} in ${(result.ms / 1000).toFixed(1)} s` +
      (s ? ` (${s.users} users, ${s.products} products, ${s.orders} orders)` : ''),
  );
} else {
  console.log(`Template is up to date: ${result.path}`);
}
