/**
 * What a force's VPN site becomes in the national stack: the key in its Azure resource names
 * (`lgw-<key>`, `con-<key>`) and the construct id its resources are addressed by. Written once,
 * here, so that validation can prove every site's names are unique across the estate before
 * synthesis would fail on a duplicate (force `abc` site `site-x` and force `abc-site` site `x`
 * both give `abc-site-x`).
 */

/** `<forceId>-<siteName>`: the part of the site's resource names that must be unique. */
export function vpnSiteKey(forceId: string, siteName: string): string {
  return `${forceId}-${siteName}`;
}

/** `abc-site-x` -> `AbcSiteX`: the construct id stem of a kebab-case key. */
export function pascalCaseId(key: string): string {
  return key.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}
