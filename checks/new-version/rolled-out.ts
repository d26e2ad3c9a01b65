/**
 * new-version/rolled-out: the service runs the newest task-definition revision, that revision
 * uses the newest image pushed to the repository, the rolling deployment COMPLETED with every task
 * on it, and the load balancer answers with version 2. Mid-rollout is pending.
 */
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { capture, defineCheck, errorItem, failedToLook, familyRevisionOf, identityItems, isCaptured, iso, observeBase, parseImage, result, taskIdOf, type BaseSnapshot, type CapturedError, type CheckItem, type Observed } from '#check-kit';
import { listTasks, serviceGroup, type TaskView } from '../standalone-task/ecs-tasks.ts';
import { appVersion, probe, type HttpProbe } from '../service/http-probe.ts';
import { activeService, observeLoadBalancer, observeService, observeTaskDefinition, type ServiceObservation, type TaskDefinitionView } from '../service/service-state.ts';
import { serviceTaskResources } from '../service/service-state.ts';

const lesson = 'new-version';
const key = (suffix: string) => `${lesson}.rolled-out.${suffix}`;

export interface RolledOutSnapshot extends BaseSnapshot {
  service: ServiceObservation;
  serviceTaskDefinition?: Observed<TaskDefinitionView>;
  latestTaskDefinition?: Observed<TaskDefinitionView>;
  images?: Observed<{ imageDetails?: { imageTags?: string[]; imageDigest?: string; imagePushedAt?: string }[] }>;
  tasks?: TaskView[] | CapturedError;
  http?: HttpProbe;
}

export default defineCheck<RolledOutSnapshot>({
  id: 'new-version/rolled-out',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs describe-services --region {{region}} --cluster {{cluster}} --services {{service}} --query 'services[0].deployments[].[status,taskDefinition,rolloutState,runningCount]' --output table",
    "aws ecr describe-images --region {{region}} --repository-name {{repository}} --query 'imageDetails[].imageTags'",
    "curl -sS http://$(aws elbv2 describe-load-balancers --region {{region}} --names {{loadBalancer}} --query 'LoadBalancers[0].DNSName' --output text)/",
  ],
  async observe(ctx) {
    const { cluster, service: serviceName, taskFamily, repository, loadBalancer } = ctx.vars;
    const options = { abortSignal: ctx.signal };
    const [base, service, latestTaskDefinition, images, tasks, lb] = await Promise.all([
      observeBase(ctx),
      observeService(ctx, cluster, serviceName),
      observeTaskDefinition(ctx, taskFamily),
      capture(ctx.aws.ecr.send(new DescribeImagesCommand({ repositoryName: repository, filter: { tagStatus: 'TAGGED' }, maxResults: 100 }), options)),
      listTasks(ctx, cluster, 'RUNNING', serviceGroup(serviceName)),
      observeLoadBalancer(ctx, loadBalancer),
    ]);
    const snapshot: RolledOutSnapshot = {
      ...base, service, latestTaskDefinition, tasks,
      images: isCaptured(images) ? images : { imageDetails: (images.imageDetails ?? []).map((d) => ({ imageTags: d.imageTags, imageDigest: d.imageDigest, imagePushedAt: iso(d.imagePushedAt) })) },
    };
    const current = activeService(service)?.taskDefinition;
    if (current) snapshot.serviceTaskDefinition = await observeTaskDefinition(ctx, current);
    const dns = isCaptured(lb) ? undefined : lb.loadBalancer?.DNSName;
    if (dns) snapshot.http = await probe(ctx, `http://${dns}/`, 5000);
    return snapshot;
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    // What this check saw, on every status (nothing when a read failed: then it knows nothing).
    const seen = serviceTaskResources(snapshot.service, snapshot.tasks, snapshot.region, vars.service);
    for (const [call, value] of [
      ['ecs:DescribeServices', snapshot.service], ['ecs:DescribeTaskDefinition', snapshot.latestTaskDefinition],
      ['ecr:DescribeImages', snapshot.images], ['ecs:ListTasks', snapshot.tasks], ['ecs:DescribeTaskDefinition', snapshot.serviceTaskDefinition],
    ] as const) {
      if (failedToLook(value)) return result(lesson, [...items, errorItem(call, value)]);
    }
    const service = activeService(snapshot.service);
    if (!service) {
      items.push({ id: 'service', status: 'fail', label: { key: key('service.label'), params: { service: vars.service } }, expected: 'ACTIVE', actual: { key: 'value.not-found' }, hint: { key: key('service.missing') } });
      return result(lesson, items, seen);
    }
    const latest = snapshot.latestTaskDefinition && !isCaptured(snapshot.latestTaskDefinition) ? snapshot.latestTaskDefinition : undefined;
    const update = latest && `aws ecs update-service --region ${vars.region} --cluster ${vars.cluster} --service ${vars.service} --task-definition ${familyRevisionOf(latest.taskDefinitionArn)}`;

    // 1. A newer revision exists and uses the newest image in the repository.
    const images = snapshot.images && !isCaptured(snapshot.images) ? [...(snapshot.images.imageDetails ?? [])] : [];
    images.sort((a, b) => (b.imagePushedAt ?? '').localeCompare(a.imagePushedAt ?? ''));
    const newest = images[0];
    const latestImage = parseImage(latest?.image ?? '');
    const usesNewest = !!newest && (latestImage.digest ? newest.imageDigest === latestImage.digest : (newest.imageTags ?? []).includes(latestImage.tag ?? 'latest'));
    const imageLabel = { key: key('image.label') };
    if (!latest || (latest.revision ?? 1) < 2) {
      items.push({ id: 'image', status: 'fail', label: imageLabel, expected: `${vars.taskFamily}:2 or later`, actual: latest ? familyRevisionOf(latest.taskDefinitionArn) : { key: 'value.none' }, hint: { key: key('image.no-new-revision') }, fix: `aws ecs register-task-definition --region ${vars.region} --cli-input-json file://task-definition-v2.json` });
    } else if (!usesNewest) {
      const tag = newest?.imageTags?.[0] ?? 'v2';
      items.push({ id: 'image', status: 'fail', label: imageLabel, expected: `:${tag} (pushed ${newest?.imagePushedAt ?? '-'})`, actual: latest.image ?? '', hint: { key: key('image.old-image'), params: { revision: familyRevisionOf(latest.taskDefinitionArn), tag } }, fix: `aws ecs register-task-definition --region ${vars.region} --cli-input-json file://task-definition-v2.json` });
    } else {
      items.push({ id: 'image', status: 'pass', label: imageLabel, actual: `${familyRevisionOf(latest.taskDefinitionArn)} → ${latest.image}` });
    }

    // 2. The service points at it.
    const revisionLabel = { key: key('revision.label') };
    // By family:revision: moto keeps `family:2` as update-service was given it, where AWS answers the ARN.
    if (latest && familyRevisionOf(service.taskDefinition) !== familyRevisionOf(latest.taskDefinitionArn)) {
      items.push({ id: 'revision', status: 'fail', label: revisionLabel, expected: familyRevisionOf(latest.taskDefinitionArn), actual: familyRevisionOf(service.taskDefinition), hint: { key: key('revision.hint') }, ...(update && { fix: update }) });
      return result(lesson, items, seen);
    }
    items.push({ id: 'revision', status: 'pass', label: revisionLabel, actual: familyRevisionOf(service.taskDefinition) });

    // 3. The rollout finished: one deployment, COMPLETED, every running task on the new revision.
    const primary = service.deployments.find((d) => d.status === 'PRIMARY') ?? service.deployments[0];
    const deploymentLabel = { key: key('deployment.label') };
    const tasks = snapshot.tasks && !isCaptured(snapshot.tasks) ? snapshot.tasks : [];
    const oldTasks = tasks.filter((t) => t.taskDefinitionArn && t.taskDefinitionArn !== service.taskDefinition);
    const rolling = service.deployments.length > 1 || primary?.rolloutState === 'IN_PROGRESS' || oldTasks.length > 0 || service.runningCount !== service.desiredCount;
    const progress = `${service.deployments.length} deployment(s), ${primary?.rolloutState ?? '-'}; new ${primary?.runningCount ?? '?'}/${primary?.desiredCount ?? '?'}, old tasks ${oldTasks.map((t) => taskIdOf(t.taskArn)).join(', ') || 'none'}`;
    if (primary?.rolloutState === 'FAILED') {
      items.push({ id: 'deployment', status: 'fail', label: deploymentLabel, expected: 'COMPLETED', actual: `FAILED: ${primary.rolloutStateReason ?? ''}`, hint: { key: key('deployment.failed') } });
    } else if (rolling) {
      items.push({ id: 'deployment', status: 'pending', label: deploymentLabel, expected: '1 deployment, COMPLETED', actual: progress, hint: { key: key('deployment.rolling') } });
    } else {
      items.push({ id: 'deployment', status: 'pass', label: deploymentLabel, actual: progress });
    }

    // 4. The load balancer answers with version 2.
    const versionLabel = { key: key('version.label') };
    const version = appVersion(snapshot.http?.body);
    if (snapshot.http?.status === 200 && (version ?? 0) >= 2) items.push({ id: 'version', status: 'pass', label: versionLabel, actual: `version ${version}` });
    else {
      const actual = snapshot.http?.status !== undefined ? `HTTP ${snapshot.http.status}${version !== undefined ? `, version ${version}` : ''}` : snapshot.http?.error?.code ?? 'no answer';
      items.push({ id: 'version', status: rolling ? 'pending' : 'fail', label: versionLabel, expected: 'HTTP 200, version 2', actual, hint: { key: key(rolling ? 'version.rolling' : 'version.old') } });
    }
    return result(lesson, items, seen);
  },
});
