/**
 * Lesson 02 as a learner does it in the browser: Run the lesson's commands into the terminal, click
 * Check under each step, and see the checklist pass, against the real Docker engine.
 * Stand-in (printed): the public busybox base image is a local one under the public name, because
 * no registry is reachable here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import type { Server } from 'node:net';
import { resolve } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { rows } from './terminal-page.ts';
import { e2eDockerSocket, e2eOrigin as origin } from '../../playwright.config.ts';
import { forwardDockerSocket, tagBaseImageAsPublic } from '../harness/docker.ts';

const workspace = resolve('test-results/e2e-home/ecs-workbook');
const image = 'ecs-handson-app';
const container = `${image}-local`;

function removeLessonState() {
  execFileSync('docker', ['rm', '-f', container], { stdio: 'ignore' });
  execFileSync('docker', ['image', 'rm', '-f', `${image}:latest`], { stdio: 'ignore' });
  for (const file of ['Dockerfile', 'start.sh']) rmSync(`${workspace}/${file}`, { force: true });
}

/** Clicks Check until the result passes (a build or a start takes a moment), then returns the result. */
async function checkUntilPass(step: Locator): Promise<Locator> {
  const result = step.locator('[data-check-result]');
  await expect(async () => {
    await step.getByRole('button', { name: 'Check' }).click();
    await expect(result).toHaveAttribute('data-status', 'pass', { timeout: 4_000 });
  }).toPass({ timeout: 60_000 });
  return result;
}

let engine: Server;
test.beforeAll(async () => {
  console.log('Stand-in: public.ecr.aws/docker/library/busybox:1.36 is a local busybox image (no registry is reachable).');
  tagBaseImageAsPublic();
  removeLessonState();
  engine = await forwardDockerSocket(e2eDockerSocket);
});
test.afterAll(async ({ request }) => {
  removeLessonState();
  await new Promise((done) => engine.close(done));
  rmSync(e2eDockerSocket, { force: true });
  await request.post('/api/progress/reset', { headers: { origin, 'content-type': 'application/json' }, data: {} });
});

test('lesson 02: Run the commands, Check each step, and the checklist passes', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/en/dockerfile/');
  await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live');
  await expect(rows(page)).toContainText(/[$#]/);

  const written = page.locator('[data-step="dockerfile/written"]');
  const before = written.locator('[data-check-result]');
  await written.getByRole('button', { name: 'Check' }).click();
  await expect(before).toHaveAttribute('data-status', 'fail');
  await expect(before).toContainText('There is no Dockerfile');

  // The lesson's own blocks: the look-yourself commands under the Check sit folded away.
  for (const block of await written.locator('[data-command]').filter({ visible: true }).all()) await block.getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => existsSync(`${workspace}/Dockerfile`) && existsSync(`${workspace}/start.sh`), { timeout: 20_000 }).toBe(true);
  const writtenResult = await checkUntilPass(written);
  await expect(writtenResult).toContainText('EXPOSE 3000 documents the app’s port');

  const built = page.locator('[data-step="dockerfile/image-built"]');
  await built.locator('[data-command]').filter({ hasText: 'docker build' }).first().getByRole('button', { name: 'Run' }).click();
  const builtResult = await checkUntilPass(built);
  await expect(builtResult).toContainText(`The image ${image}:latest exists`);
  await expect(builtResult).toContainText('The image exposes port 3000');
  await expect(builtResult).toContainText('linux/amd64');

  const running = page.locator('[data-step="dockerfile/container-running"]');
  await running.locator('[data-command]').filter({ hasText: 'docker run -d' }).getByRole('button', { name: 'Run' }).click();
  const runningResult = await checkUntilPass(running);
  await expect(runningResult).toContainText('Host port 8081 is mapped to container port 3000');
  await expect(runningResult).toContainText('http://127.0.0.1:8081/ answers');
  await expect(page.getByRole('navigation', { name: 'Lessons' }).locator('[data-step-status="dockerfile/container-running"]')).toHaveText('Passed');
});
