/**
 * The CDK toolchain Blue Lamp synthesises with, named in this one place. cdktf was archived
 * upstream in December 2025; its community continuation, CDK Terrain (cdktn), has the same public
 * API under other package names. Everything that must name a package of the toolchain by string
 * (the code fingerprint in bluelamp.json, the bench's CLI, `npm run verify:cdktn`, docs/toolchain.md)
 * reads it from here, so that switching is a rename of imports and dependencies plus the one line
 * that picks TOOLCHAIN below. docs/toolchain.md gives the steps.
 */
import { join } from 'node:path';
import { installedVersion } from './package-root';

export interface Toolchain {
  /** Short name, as in `npm run verify:<name>`. */
  readonly name: 'cdktf' | 'cdktn';
  /** The construct library (`App`, `TerraformStack`...). */
  readonly library: string;
  /** The prebuilt azurerm provider bindings (deep imports: `<provider>/lib/virtual-network`). */
  readonly provider: string;
  /** The command-line package, for `<bin> synth` on the same app (bench only; Blue Lamp's synth needs the library alone). */
  readonly cli: string;
  /** The executable the CLI package installs in node_modules/.bin. */
  readonly bin: string;
  /** Versions package.json pins. */
  readonly versions: { readonly library: string; readonly provider: string; readonly cli: string };
  /** The azurerm provider release the bindings were generated from (required_providers in the JSON). */
  readonly azurerm: string;
  /** `constructs` range the library accepts as a peer. */
  readonly constructs: string;
  /** Node.js the CLI needs (the library runs on Node 20). */
  readonly cliNode: string;
}

/** HashiCorp's cdktf 0.21 and the azurerm 4.55 bindings: what Blue Lamp is built with today. */
export const CDKTF: Toolchain = {
  name: 'cdktf',
  library: 'cdktf',
  provider: '@cdktf/provider-azurerm',
  cli: 'cdktf-cli',
  bin: 'cdktf',
  versions: { library: '~0.21.0', provider: '~14.23.1', cli: '~0.21.0' },
  azurerm: '4.55.0',
  constructs: '^10.8.1',
  cliNode: '>=20',
};

/**
 * CDK Terrain 0.24 and @cdktn/provider-azurerm 16.1.0 (generated from azurerm 4.73.0; no build
 * for 4.55 exists). From the registry: cdktn@0.24.0 peers on constructs ">=10.6.0 <10.8.0";
 * @cdktn/provider-azurerm@16.1.0 peers on cdktn "^0.23.0", which was never published (hence an
 * npm override); cdktn-cli@0.24.0 declares engines.node ">=22.19.0".
 */
export const CDKTN: Toolchain = {
  name: 'cdktn',
  library: 'cdktn',
  provider: '@cdktn/provider-azurerm',
  cli: 'cdktn-cli',
  bin: 'cdktn',
  versions: { library: '0.24.0', provider: '16.1.0', cli: '0.24.0' },
  azurerm: '4.73.0',
  constructs: '>=10.6.0 <10.8.0',
  cliNode: '>=22.19.0',
};

/** The toolchain in use. `npm run verify:cdktn` flips this line in its temporary copy. */
export const TOOLCHAIN: Toolchain = CDKTF;

/** `library@version` and `provider@version` as installed: part of the synthesis code fingerprint. */
export function installedToolchainVersions(): string[] {
  return [TOOLCHAIN.library, TOOLCHAIN.provider].map((pkg) => `${pkg}@${installedVersion(pkg)}`);
}

/** The toolchain CLI's executable under a package root (`node_modules/.bin/<bin>`). */
export function toolchainCliPath(root: string): string {
  return join(root, 'node_modules', '.bin', TOOLCHAIN.bin);
}
