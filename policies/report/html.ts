/**
 * A tagged template that escapes every interpolated value unless it is already Html. Pages are
 * built only with it, so no finding message, waiver reason or address can reach the report as
 * markup: escaping is the default rather than something each call site must remember.
 */
import { escapeXml } from '../formats/xml';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Part = Html | string | number | undefined | null | false | readonly Part[];

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeXml(part as string | number);
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Trusted markup written by this module (CSS, fixed SVG paths). Never pass data through it. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
