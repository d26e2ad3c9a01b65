/**
 * The deployment circuit breaker is on wherever the course makes a service: lesson 08's
 * create-service and lesson 12's template (lesson 10's update-service keeps it by not naming a
 * deployment configuration). moto accepts the setting but does not report it back
 * (describe-services shows no deploymentCircuitBreaker), so the commands as the page shows them
 * are read here; that it rolls back a broken version within minutes needs a real account
 * (docs/real-aws-rehearsal.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runnableCommands } from '../../src/course-run/lesson-commands.ts';

const commandsWith = (lesson: string, verb: string) => runnableCommands(`lessons/${lesson}/en.mdx`).filter((command) => command.code.includes(verb));

describe('the deployment circuit breaker', () => {
  it("is enabled, with rollback, in lesson 08's create-service", () => {
    const [create, ...more] = commandsWith('08-service-alb', 'aws ecs create-service');
    expect(more).toEqual([]);
    expect(create!.code).toContain("--deployment-configuration 'deploymentCircuitBreaker={enable=true,rollback=true}'");
  });

  it("is not turned off by lesson 10's update-service", () => {
    const updates = commandsWith('10-new-version', 'aws ecs update-service');
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) expect(update.code).not.toContain('--deployment-configuration');
  });

  it("is enabled, with rollback, on lesson 12's templated service", () => {
    const template = readFileSync('lessons/12-cloudformation/ecs-service.yaml', 'utf8');
    const service = template.slice(template.indexOf('Type: AWS::ECS::Service'));
    expect(service).toMatch(/DeploymentConfiguration:\n\s+DeploymentCircuitBreaker:\n\s+Enable: true\n\s+Rollback: true\n/);
  });
});
