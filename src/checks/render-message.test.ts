import { describe, expect, it } from 'vitest';
import type { CheckResult } from './check-contract.ts';
import { courseChecks } from '../../checks/index.ts';
import { renderResult } from './render-message.ts';

const result: CheckResult = {
  status: 'fail',
  summary: { key: 'setup.docker.summary.unreachable' },
  items: [{ id: 'engine', status: 'fail', label: { key: 'setup.docker.engine.label', params: { dockerHost: 'unix:///x.sock' } }, expected: { key: 'value.docker-server' }, actual: 'ECONNREFUSED' }],
  resources: [],
};

describe('values of expected and found', () => {
  it('are words in the reader’s language when the check gives a message, and stay as found otherwise', async () => {
    const dictionaries = await courseChecks.dictionaries();
    const [ja] = renderResult(result, 'ja', dictionaries).items;
    expect(ja).toMatchObject({ expected: 'docker version の出力に Server の項目がある', actual: 'ECONNREFUSED' });
    const [en] = renderResult(result, 'en', dictionaries).items;
    expect(en).toMatchObject({ expected: 'docker version shows a Server section', actual: 'ECONNREFUSED' });
  });
});
