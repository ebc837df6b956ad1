/**
 * The cdktf app entry (`cdktf.json` runs its bundle, `node dist/bundle/app.js`), so that `npx cdktf synth`
 * and `cdktf deploy` work on the same estate as `bluelamp synth`. The estate folder is the
 * current directory, or BLUELAMP_DIR.
 */
import { resolve } from 'node:path';
import { ConfigError } from '../config/errors';
import { loadEstate } from '../config/estate';
import { buildEstateApp, estateConfig } from './estate-app';

function main(): void {
  const dir = resolve(process.env.BLUELAMP_DIR ?? process.cwd());
  try {
    const estate = loadEstate(dir);
    const app = buildEstateApp(estateConfig(estate), process.env.CDKTF_OUTDIR ?? 'cdktf.out');
    app.synth();
  } catch (err) {
    if (err instanceof ConfigError) {
      // Under `cdktf synth` the estate folder comes from BLUELAMP_DIR, not bluelamp's --dir option.
      process.stderr.write(
        `${err.message.replace('use --dir to point at the estate folder', 'set BLUELAMP_DIR to the estate folder')}\n`,
      );
      process.exit(1);
    }
    throw err;
  }
}

main();
