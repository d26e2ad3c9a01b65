import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveRegion } from './aws-region.ts';

const dir = mkdtempSync(join(tmpdir(), 'wb-aws-config-'));
const config = join(dir, 'config');
writeFileSync(config, '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = us-west-2\n');
const base = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('region, resolved like the aws CLI', () => {
  it('prefers the workbook setting', async () => {
    expect(await resolveRegion('ap-southeast-2', { ...base, AWS_REGION: 'us-east-1' })).toMatchObject({ region: 'ap-southeast-2', source: 'setting' });
  });
  it('then AWS_REGION, then AWS_DEFAULT_REGION (which the SDK itself ignores)', async () => {
    expect(await resolveRegion(undefined, { ...base, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'eu-central-1' })).toMatchObject({ region: 'us-east-1', source: 'AWS_REGION' });
    expect(await resolveRegion(undefined, { ...base, AWS_DEFAULT_REGION: 'eu-central-1' })).toMatchObject({ region: 'eu-central-1', source: 'AWS_DEFAULT_REGION' });
  });
  it('then the active profile’s region from ~/.aws/config', async () => {
    expect(await resolveRegion(undefined, base)).toMatchObject({ region: 'eu-west-1', source: 'profile', profile: 'default' });
    expect(await resolveRegion(undefined, { ...base, AWS_PROFILE: 'dev' })).toMatchObject({ region: 'us-west-2', source: 'profile', profile: 'dev' });
  });
  it('else ap-northeast-1, as the lessons use', async () => {
    expect(await resolveRegion(undefined, { ...base, AWS_PROFILE: 'nothing-here' })).toMatchObject({ region: 'ap-northeast-1', source: 'default' });
  });
});
