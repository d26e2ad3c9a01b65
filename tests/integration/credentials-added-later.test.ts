import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseChecks } from '../../checks/index.ts';
import { createCheckService, type CheckService } from '../../src/checks/check-service.ts';
import { openProgressStore, type ProgressStore } from '../../src/progress/progress-store.ts';
import { startMoto, type Moto } from '../harness/moto.ts';

// A learner who starts the workbook before setting up the aws CLI, then runs `aws configure` in
// its terminal: the next Check must see the new ~/.aws/credentials, with no restart.
describe('credentials added after the start', () => {
  let moto: Moto;
  let store: ProgressStore;
  let service: CheckService;
  const home = mkdtempSync(join(tmpdir(), 'wb-home-'));
  const data = mkdtempSync(join(tmpdir(), 'wb-data-'));
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    moto = await startMoto();
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, { HOME: home, AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: moto.region, AWS_EC2_METADATA_DISABLED: 'true' });
    store = openProgressStore(data);
    service = createCheckService(store.forLearner('local'), { checks: courseChecks, env: process.env });
  });
  afterAll(async () => {
    store?.close();
    process.env = savedEnv;
    await moto?.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('fails with "no credentials" and a hint without a restart, then passes once ~/.aws/credentials exists', async () => {
    const before = await service.run('setup/aws-identity', { source: 'browser' });
    expect(before.attempt.result.status).toBe('error');
    expect(before.attempt.result.summary.key).toBe('check.error.no-credentials.summary');
    const rendered = await service.render(before.attempt, 'en');
    const hint = rendered.items.map((item) => item.hint ?? '').join('\n');
    expect(hint).toContain('no restart');
    expect(hint).not.toMatch(/before start|restart the workbook/i);

    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');

    const after = await service.run('setup/aws-identity', { source: 'browser' });
    expect(after.attempt.result.status).toBe('pass');
    expect(after.attempt.result.items.find((item) => item.id === 'account')?.actual).toBe('123456789012');
  });
});
