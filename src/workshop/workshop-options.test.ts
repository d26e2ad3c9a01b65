import { describe, expect, it } from 'vitest';
import { parseDuration, parseWorkshopOptions, WorkshopUsageError } from './workshop-options.ts';

const env = { ECS_WORKBOOK_DATA_DIR: '/tmp/wb-options-test' };
const parse = (...argv: string[]) => parseWorkshopOptions(argv, env);
const refusal = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkshopUsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('workshop options', () => {
  it('defaults: 30 learners, 3 warm, 4 hours, loopback, its own data folder', () => {
    expect(parse()).toMatchObject({ learners: 30, warm: 3, timeLimitMs: 4 * 3600_000, host: '127.0.0.1', port: 4322, dataDir: '/tmp/wb-options-test/workshop', json: false, prefixes: false, insecureHttp: false });
  });

  it('reads every option, in both spellings', () => {
    const options = parse('--learners', '12', '--warm=2', '--time-limit', '1h30m', '--port', '4411', '--data-dir', '/tmp/x', '--json', '--rebuild', '--prefixes');
    expect(options).toMatchObject({ learners: 12, warm: 2, timeLimitMs: 90 * 60_000, port: 4411, dataDir: '/tmp/x', json: true, rebuild: true, prefixes: true });
  });

  it('--stuck-after: the minutes of failing before the room shows a learner stuck (default 10)', () => {
    expect(parse().stuckAfterMinutes).toBe(10);
    expect(parse('--stuck-after', '3').stuckAfterMinutes).toBe(3);
    expect(parse('--stuck-after=25').stuckAfterMinutes).toBe(25);
    expect(refusal('--stuck-after', 'soon')).toMatch(/--stuck-after needs a whole number, not "soon" \(for example --stuck-after 20\)/);
    expect(refusal('--stuck-after', '0')).toMatch(/--stuck-after must be at least 1 minute \(for example --stuck-after 10\)/);
    expect(refusal('--stuck-after', '1441')).toMatch(/--stuck-after may be at most 1440 minutes/);
    expect(refusal('--stuck-after')).toMatch(/--stuck-after needs a value \(for example --stuck-after 10\)/);
  });

  it('a few learners keep no more warm sandboxes than learners', () => {
    expect(parse('--learners', '1').warm).toBe(1);
  });

  it('durations: hours, minutes or both', () => {
    expect(parseDuration('4h')).toBe(4 * 3600_000);
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('2H30M')).toBe(150 * 60_000);
    expect(parseDuration('4 hours')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });

  it('each bad option says what to type instead', () => {
    expect(refusal('--learners', 'ten')).toMatch(/--learners needs a whole number.*--learners 20/);
    expect(refusal('--learners', '0')).toMatch(/--learners must be at least 1/);
    expect(refusal('--warm', '5', '--learners', '2')).toMatch(/--warm 5 is more than --learners 2/);
    expect(refusal('--time-limit', '4 hours')).toMatch(/such as 4h, 90m or 2h30m/);
    expect(refusal('--time-limit', '1m')).toMatch(/at least 5m/);
    expect(refusal('--port', '70000')).toMatch(/1 to 65535/);
    expect(refusal('--port')).toMatch(/--port needs a value \(for example --port 4322\)/);
    expect(refusal('--tls-cert', 'c.pem')).toMatch(/both files: give --tls-cert FILE and --tls-key FILE/);
    expect(refusal('--frobnicate')).toMatch(/Unknown option "--frobnicate".*--help/);
    expect(refusal('--json=yes')).toMatch(/--json takes no value/);
  });

  it('a non-loopback --host needs TLS or an explicit --insecure-http', () => {
    expect(refusal('--host', '192.168.1.20')).toMatch(/--tls-cert FILE --tls-key FILE, or add --insecure-http/);
    expect(parse('--host', '192.168.1.20', '--insecure-http')).toMatchObject({ host: '192.168.1.20', insecureHttp: true });
    expect(parse('--host', '192.168.1.20', '--tls-cert', 'c.pem', '--tls-key', 'k.pem')).toMatchObject({ tlsCert: 'c.pem', tlsKey: 'k.pem' });
    expect(parse('--host', 'localhost').host).toBe('localhost');
  });

  it('a wildcard --host is refused: learners type a real address', () => {
    expect(refusal('--host', '0.0.0.0', '--insecure-http')).toMatch(/give the address learners will open/);
    expect(refusal('--host', '192.168.1.20', '--tls-cert', 'c', '--tls-key', 'k', '--insecure-http')).toMatch(/contradict/);
  });
});
