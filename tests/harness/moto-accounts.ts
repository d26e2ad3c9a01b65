/**
 * Separate AWS accounts inside one moto server, so tests that each build the learner's resources
 * under the same names (ecs-handson-vpc, ecs-handson-cluster, …) can run side by side without a
 * reset: moto files every call under the account of the access key that made it, and STS
 * AssumeRole into `arn:aws:iam::<account>:role/…` hands out keys of that account.
 *
 * `account.clients` are SDK clients of that account for building state; `account.env` is what a
 * shell (the aws CLI) needs to act as that account; `account.asProcess(fn)` runs `fn` with
 * process.env holding that account's keys, one at a time, for code that reads credentials from the
 * environment (the checks' own clients).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Moto } from './moto.ts';

export interface MotoAccount {
  id: string;
  env: Record<string, string>;
  clients(region: string): {
    ec2: EC2Client;
    ecs: ECSClient;
    ecr: ECRClient;
    elbv2: ElasticLoadBalancingV2Client;
    iam: IAMClient;
    logs: CloudWatchLogsClient;
    cloudformation: CloudFormationClient;
  };
  asProcess<T>(fn: () => Promise<T>): Promise<T>;
}

const credentialNames = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
let processQueue: Promise<unknown> = Promise.resolve();

export async function motoAccount(moto: Moto, id: string): Promise<MotoAccount> {
  const base = { endpoint: moto.endpoint, region: moto.region, credentials: { accessKeyId: moto.env.AWS_ACCESS_KEY_ID!, secretAccessKey: moto.env.AWS_SECRET_ACCESS_KEY! } };
  const assumed = await new STSClient(base).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${id}:role/moto-account`, RoleSessionName: 'test' }));
  const keys = assumed.Credentials!;
  const credentials = { accessKeyId: keys.AccessKeyId!, secretAccessKey: keys.SecretAccessKey!, sessionToken: keys.SessionToken! };
  const env = { ...moto.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_SESSION_TOKEN: credentials.sessionToken };
  return {
    id,
    env,
    clients(region) {
      const config = { endpoint: moto.endpoint, region, credentials, maxAttempts: 1 };
      return {
        ec2: new EC2Client(config),
        ecs: new ECSClient(config),
        ecr: new ECRClient(config),
        elbv2: new ElasticLoadBalancingV2Client(config),
        iam: new IAMClient(config),
        logs: new CloudWatchLogsClient(config),
        cloudformation: new CloudFormationClient(config),
      };
    },
    asProcess<T>(fn: () => Promise<T>): Promise<T> {
      const turn = processQueue.then(async () => {
        const saved = credentialNames.map((name) => process.env[name]);
        for (const name of credentialNames) process.env[name] = env[name];
        try {
          return await fn();
        } finally {
          credentialNames.forEach((name, index) => (saved[index] === undefined ? delete process.env[name] : (process.env[name] = saved[index])));
        }
      });
      processQueue = turn.catch(() => undefined);
      return turn;
    },
  };
}
