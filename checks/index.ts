/** Every step check, in course order. The runner finds a step's check here by its id. */
import containersFirstRun from './containers/first-run.ts';
import dockerfileWritten from './dockerfile/written.ts';
import dockerfileImageBuilt from './dockerfile/image-built.ts';
import dockerfileContainerRunning from './dockerfile/container-running.ts';
import ecrRepository from './ecr/repository.ts';
import ecrImagePushed from './ecr/image-pushed.ts';
import networkVpc from './network/vpc.ts';
import networkSubnets from './network/subnets.ts';
import networkInternetGateway from './network/internet-gateway.ts';
import networkRoutes from './network/routes.ts';
import networkSecurityGroups from './network/security-groups.ts';
import clusterFargate from './cluster/fargate.ts';

export const checks = [
  containersFirstRun,
  dockerfileWritten,
  dockerfileImageBuilt,
  dockerfileContainerRunning,
  ecrRepository,
  ecrImagePushed,
  networkVpc,
  networkSubnets,
  networkInternetGateway,
  networkRoutes,
  networkSecurityGroups,
  clusterFargate,
];
