import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { withoutCreationStacks } from '../../stacks/creation-stacks';
import { buildEstateApp, estateConfig } from '../../stacks/estate-app';
import { listFiles, removeDir, SMALL_ESTATE } from '../helpers/estate';

describe('withoutCreationStacks', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'bluelamp-test-'));
  });
  afterAll(() => removeDir(scratch));

  it('synthesises byte-identical Terraform JSON to a synthesis that records every creation stack', () => {
    const config = estateConfig(loadEstate(SMALL_ESTATE));
    buildEstateApp(config, join(scratch, 'with')).synth();
    withoutCreationStacks(() => buildEstateApp(config, join(scratch, 'without')).synth());
    const files = listFiles(join(scratch, 'with'));
    expect(files).toContain('stacks/alpha/cdk.tf.json');
    expect(listFiles(join(scratch, 'without'))).toEqual(files);
    for (const file of files) {
      const a = readFileSync(join(scratch, 'with', file), 'utf8');
      const b = readFileSync(join(scratch, 'without', file), 'utf8');
      expect(`${file}: ${a === b ? 'same' : 'differs'}`).toBe(`${file}: same`);
    }
  });

  it('captures no stacks only inside, and restores both hooks when the work throws', () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- compared, never called
    const before = Error.prepareStackTrace;
    const limitBefore = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
    let inside = 'unset';
    let limitInside = -1;
    const thrown = (() => {
      try {
        withoutCreationStacks(() => {
          inside = String(new Error('probe').stack ?? '');
          Error.stackTraceLimit = Number.MAX_SAFE_INTEGER; // what cdktf does before each capture
          limitInside = Error.stackTraceLimit;
          throw new Error('stack "x" cannot be built');
        });
      } catch (err) {
        return err as Error;
      }
      return undefined;
    })();
    expect(inside).toBe('');
    expect(limitInside).toBe(limitBefore?.value);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- compared, never called
    expect(Error.prepareStackTrace).toBe(before);
    expect(Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')).toEqual(limitBefore);
    expect(thrown?.message).toBe('stack "x" cannot be built');
    expect(new Error('after').stack).toContain('after');
  });
});
