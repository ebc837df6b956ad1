import { z } from 'zod';
import { ForceSchema, PlatformSchema, REGIONS } from '../../config/schema';
import { DEFAULT_SETTINGS } from '../../policies/rule';
import { FORCE_LOG_RETENTION_DAYS, GUID_PATTERN, UK_REGIONS } from '../../util/platform-facts';

describe('platform facts', () => {
  it('GUID_PATTERN (constructs) accepts exactly what z.guid() (config) accepts', () => {
    // zod wraps the same pattern in a group; anything else would let config and constructs disagree.
    expect(z.regexes.guid.source).toBe(GUID_PATTERN.source.replace(/^\^(.*)\$$/, '^($1)$'));
    for (const value of [
      '00000000-0000-4000-8000-00000000a001',
      'ABCDEF01-2345-6789-abcd-ef0123456789',
      '00000000-0000-4000-8000-00000000a00',
      '00000000-0000-4000-8000-00000000a0011',
      '0000000g-0000-4000-8000-00000000a001',
      '{00000000-0000-4000-8000-00000000a001}',
      '',
    ]) {
      expect(`${value}: ${GUID_PATTERN.test(value)}`).toBe(`${value}: ${z.guid().safeParse(value).success}`);
    }
  });

  it('are the regions the schema and the residency rules allow', () => {
    expect(REGIONS).toBe(UK_REGIONS);
    expect(DEFAULT_SETTINGS.allowedRegions).toBe(UK_REGIONS);
    expect(PlatformSchema.shape.regions.shape.allowed.element.options).toEqual([...UK_REGIONS]);
  });

  it('set the force log retention floor the schema enforces', () => {
    const retention = ForceSchema.shape.logging.unwrap().shape.retentionDays.unwrap();
    expect([retention.minValue, retention.maxValue]).toEqual([
      FORCE_LOG_RETENTION_DAYS.min,
      FORCE_LOG_RETENTION_DAYS.max,
    ]);
  });
});
