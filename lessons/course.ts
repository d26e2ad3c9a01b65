/**
 * The course manifest: every lesson in order, the names it goes by, and its checked steps. This is
 * the one list of step ids: the check registry (`checks/index.ts`) loads `checks/<step id>.ts` for
 * each, pages and the CLI take lesson order and slugs from here. A unit test checks that each
 * lesson's frontmatter `steps` (en and ja) and each check module's `id` say the same.
 *
 * Adding a lesson: its folder `<nn>-<slug>/` with `en.mdx`, one entry here, and its checks in
 * `checks/<checks>/`.
 */
import { defineCourse } from '../src/lessons/course-manifest.ts';

export const course = defineCourse([
  { folder: '00-before-you-start', slug: 'before-you-start', checks: 'setup', steps: ['setup/docker', 'setup/aws-identity', 'setup/tools'] },
  { folder: '01-containers', slug: 'containers', checks: 'containers', steps: ['containers/first-run'] },
  { folder: '02-dockerfile', slug: 'dockerfile', checks: 'dockerfile', steps: ['dockerfile/written', 'dockerfile/image-built', 'dockerfile/container-running'] },
  { folder: '03-ecr', slug: 'ecr', checks: 'ecr', steps: ['ecr/repository', 'ecr/image-pushed'] },
  {
    folder: '04-network',
    slug: 'network',
    checks: 'network',
    steps: ['network/vpc', 'network/subnets', 'network/internet-gateway', 'network/routes', 'network/security-groups'],
  },
  { folder: '05-cluster', slug: 'cluster', checks: 'cluster', steps: ['cluster/fargate'] },
  { folder: '06-task-definition', slug: 'task-definition', checks: 'task-definition', steps: ['task-definition/execution-role', 'task-definition/registered'] },
  { folder: '07-standalone-task', slug: 'standalone-task', checks: 'standalone-task', steps: ['standalone-task/running', 'standalone-task/stopped'] },
  {
    folder: '08-service-alb',
    slug: 'service-alb',
    checks: 'service',
    steps: ['service/load-balancer', 'service/running', 'service/healthy-targets', 'service/reachable'],
  },
  { folder: '09-self-healing', slug: 'self-healing', checks: 'self-healing', steps: ['self-healing/replaced', 'self-healing/scaled-out'] },
  { folder: '10-new-version', slug: 'new-version', checks: 'new-version', steps: ['new-version/rolled-out'] },
  { folder: '11-cleanup', slug: 'cleanup', checks: 'cleanup', steps: ['cleanup/billable-gone', 'cleanup/all-gone'] },
  { folder: '12-cloudformation', slug: 'cloudformation', checks: 'cloudformation', steps: ['cloudformation/stack-complete', 'cloudformation/stack-deleted'] },
]);
