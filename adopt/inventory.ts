/**
 * Reads an Azure Resource Graph export: what `az graph query -q "Resources | where subscriptionId
 * == '...'" -o json` prints (a JSON array, or an object with `data`), and the same for
 * `ResourceContainers` (resource groups), alone or concatenated in one file. Every row is checked;
 * problems name the file, the line of the row and the field, and nothing is read half-way.
 */
import { readFileSync, statSync } from 'node:fs';
import { ARM_TYPE_LABELS } from './arm-types';

/** The most rows one inventory may hold (a subscription's limit on resources is far below it). */
export const MAX_INVENTORY_ROWS = 100_000;
/** The largest inventory file read. */
export const MAX_INVENTORY_BYTES = 256 * 1024 * 1024;

export interface InventoryRow {
  /** Azure resource id, as Resource Graph gave it. */
  readonly id: string;
  /** ARM type, lower-cased. */
  readonly type: string;
  readonly name: string;
  /** Resource group name, lower-cased ('' for the resource group rows themselves). */
  readonly resourceGroup: string;
  readonly subscriptionId: string;
  /** Entra tenant of the subscription, when the export has the column. */
  readonly tenantId?: string;
  readonly location?: string;
  /** Resource kind (`StorageV2` for a storage account), as Azure spells it. */
  readonly kind?: string;
  readonly properties: Record<string, unknown>;
  readonly sku?: Record<string, unknown>;
  /** 1-based line where the row starts in the file. */
  readonly line: number;
}

export interface InventoryProblem {
  readonly file: string;
  readonly line?: number;
  readonly field: string;
  readonly message: string;
}

export class InventoryError extends Error {
  constructor(readonly problems: readonly InventoryProblem[]) {
    super(problems.map(formatInventoryProblem).join('\n'));
  }
}

export function formatInventoryProblem(p: InventoryProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''} ${p.field}: ${p.message}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads `path` (`display` names it in messages). With `subscriptionId`, a row from any other
 * subscription is an error: an inventory of the wrong subscription must not drive imports.
 */
export function readInventory(path: string, display: string, subscriptionId?: string): InventoryRow[] {
  const fail = (message: string, field = '(file)', line?: number): never => {
    throw new InventoryError([{ file: display, line, field, message }]);
  };
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return fail('not found');
  }
  if (size > MAX_INVENTORY_BYTES) fail(`is ${size} bytes; the most read is ${MAX_INVENTORY_BYTES}`);
  const text = readFileSync(path, 'utf8');
  const documents = scan(text, display);
  const rows: { value: unknown; line: number }[] = [];
  for (const doc of documents) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(doc.text);
    } catch (err) {
      fail(`is not JSON (${jsonErrorText(err as Error)})`, '(file)', jsonErrorLine(err as Error, doc));
    }
    const list = Array.isArray(parsed)
      ? parsed
      : parsed && typeof parsed === 'object' && Array.isArray((parsed as { data?: unknown }).data)
        ? (parsed as { data: unknown[] }).data
        : fail(
            'must be a JSON array of rows, or an object with a "data" array (az graph query -o json)',
            '(file)',
            doc.line,
          );
    list.forEach((value, i) => rows.push({ value, line: doc.rowLines[i] ?? doc.line }));
    if (rows.length > MAX_INVENTORY_ROWS)
      fail(`holds more than ${MAX_INVENTORY_ROWS} rows; export one subscription at a time`);
  }
  if (rows.length === 0) fail('holds no rows');

  const problems: InventoryProblem[] = [];
  const out: InventoryRow[] = [];
  rows.forEach(({ value, line }, i) => {
    const at = (field: string, message: string) =>
      problems.push({ file: display, line, field: `[${i}].${field}`, message });
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file: display, line, field: `[${i}]`, message: 'must be an object (a Resource Graph row)' });
      return;
    }
    const r = value as Record<string, unknown>;
    const str = (k: string) => (typeof r[k] === 'string' ? r[k] : undefined);
    const id = str('id');
    const type = str('type')?.toLowerCase();
    const name = str('name');
    const sub = str('subscriptionId');
    if (!id || !/^\/subscriptions\/[^/]+/i.test(id)) at('id', 'must be an Azure resource id (/subscriptions/...)');
    if (!type) at('type', 'must be the ARM type (for example microsoft.network/virtualnetworks)');
    if (!name) at('name', 'must be the resource name');
    if (!sub || !GUID.test(sub)) at('subscriptionId', 'must be a subscription GUID');
    else if (subscriptionId && sub.toLowerCase() !== subscriptionId.toLowerCase())
      at(
        'subscriptionId',
        `${sub} is not the force's subscription ${subscriptionId}: export the force's own subscription`,
      );
    if (!id || !type || !name || !sub) return;
    const props = r.properties;
    out.push({
      id,
      type,
      name,
      resourceGroup: (str('resourceGroup') ?? '').toLowerCase(),
      subscriptionId: sub.toLowerCase(),
      tenantId: str('tenantId') && GUID.test(str('tenantId')!) ? str('tenantId')!.toLowerCase() : undefined,
      location: str('location')?.toLowerCase(),
      kind: str('kind') || undefined,
      properties: props && typeof props === 'object' && !Array.isArray(props) ? (props as Record<string, unknown>) : {},
      sku: r.sku && typeof r.sku === 'object' ? (r.sku as Record<string, unknown>) : undefined,
      line,
    });
  });
  if (problems.length > 0) throw new InventoryError(problems.slice(0, 50));
  return withSubnets(out);
}

/** Subnets are not rows of their own in Resource Graph: they are listed in their VNet's properties. */
function withSubnets(rows: InventoryRow[]): InventoryRow[] {
  const out = [...rows];
  for (const vnet of rows) {
    if (vnet.type !== 'microsoft.network/virtualnetworks') continue;
    const subnets = Array.isArray(vnet.properties.subnets) ? (vnet.properties.subnets as unknown[]) : [];
    for (const s of subnets) {
      if (!s || typeof s !== 'object') continue;
      const sub = s as { id?: unknown; name?: unknown; properties?: unknown };
      if (typeof sub.id !== 'string' || typeof sub.name !== 'string') continue;
      out.push({
        id: sub.id,
        type: 'microsoft.network/virtualnetworks/subnets',
        name: `${vnet.name}/${sub.name}`,
        resourceGroup: vnet.resourceGroup,
        subscriptionId: vnet.subscriptionId,
        location: vnet.location,
        properties:
          sub.properties && typeof sub.properties === 'object' ? (sub.properties as Record<string, unknown>) : {},
        line: vnet.line,
      });
    }
  }
  return out;
}

/** V8's message, on one line and short: it can quote a whole line of the file. */
function jsonErrorText(err: Error): string {
  const text = err.message.replace(/\s+/g, ' ');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The line V8 names (`line N column M`, or `position N`), else the document's first line. */
function jsonErrorLine(err: Error, doc: { text: string; line: number }): number {
  const lineCol = /line (\d+) column \d+/.exec(err.message);
  if (lineCol) return doc.line + Number(lineCol[1]) - 1;
  const pos = /position (\d+)/.exec(err.message);
  if (pos) return doc.line + (doc.text.slice(0, Number(pos[1])).match(/\n/g)?.length ?? 0);
  return doc.line;
}

/** Resource groups are `ResourceContainers` rows of this type. */
export const RESOURCE_GROUP_TYPE = 'microsoft.resources/subscriptions/resourcegroups';

/** A label for messages: "virtual network vnet-essex-uks". */
export function describeRow(row: Pick<InventoryRow, 'type' | 'name'>): string {
  return `${ARM_TYPE_LABELS[row.type] ?? row.type} ${row.name}`;
}

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;

/** True when the quote at `at` is escaped: an odd number of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let count = 0;
  for (let k = at - 1; k >= 0 && text.charCodeAt(k) === BACKSLASH; k--) count++;
  return count % 2 === 1;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * One pass over the text (char codes, no regex: an export can be hundreds of megabytes): the
 * top-level documents (a file may hold several, one `az graph query` output after another) and
 * the line each row of each document starts on (rows are the elements of the document's array,
 * or of its `data` array).
 */
function scan(text: string, display: string): { text: string; line: number; rowLines: number[] }[] {
  const docs: { text: string; line: number; rowLines: number[] }[] = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  let start = 0;
  let current: { line: number; rowLines: number[]; isArray: boolean } | undefined;
  let expectRow = false;
  const bad = (message: string): never => {
    throw new InventoryError([{ file: display, line, field: '(file)', message }]);
  };
  for (let i = 0; i < text.length; i++) {
    if (inString) {
      // Most of an export is inside strings: jump to the closing quote (JSON strings hold no raw
      // line break, so no line is skipped; a file that has one fails JSON.parse, which names it).
      let end = text.indexOf('"', i);
      while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) bad('is not JSON (it ends inside a string)');
      i = end;
      inString = false;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    if (isSpace(c)) continue;
    const rowDepth = current?.isArray ? 1 : 2;
    if (current && expectRow && depth === rowDepth && c !== CLOSE_BRACKET) {
      current.rowLines.push(line);
      expectRow = false;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (depth === 0) {
        start = i;
        current = { line, rowLines: [], isArray: c === OPEN_BRACKET };
      }
      depth++;
      // The array whose elements are rows: the document itself, or the array under `data`.
      if (c === OPEN_BRACKET && depth === (current!.isArray ? 1 : 2)) expectRow = true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
      if (depth < 0) bad(`is not JSON (unexpected "${String.fromCharCode(c)}")`);
      if (depth === 0 && current) {
        docs.push({ text: text.slice(start, i + 1), line: current.line, rowLines: current.rowLines });
        current = undefined;
      }
    } else if (c === COMMA) {
      if (current && depth === (current.isArray ? 1 : 2)) expectRow = true;
    } else if (depth === 0) bad(`is not JSON (unexpected "${text[i]}" outside an array)`);
  }
  if (depth !== 0) bad('is not JSON (it ends inside an array or object)');
  return docs;
}
