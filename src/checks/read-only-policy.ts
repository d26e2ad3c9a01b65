/**
 * The read-only IAM policy the checks need, shown in full on access denied; it also covers the
 * workshop pre-flight's quota reads (src/workshop/preflight), so one policy serves both.
 */
export const readOnlyPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'WorkbookEcsRead',
      Effect: 'Allow',
      Action: ['ecs:ListClusters', 'ecs:DescribeClusters', 'ecs:ListTaskDefinitions', 'ecs:ListTaskDefinitionFamilies', 'ecs:DescribeTaskDefinition', 'ecs:ListServices', 'ecs:DescribeServices', 'ecs:ListTasks', 'ecs:DescribeTasks'],
      Resource: '*',
    },
    {
      Sid: 'WorkbookEcrRead',
      Effect: 'Allow',
      Action: ['ecr:DescribeRepositories', 'ecr:DescribeImages', 'ecr:ListImages', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: '*',
    },
    {
      Sid: 'WorkbookNetworkRead',
      Effect: 'Allow',
      Action: ['ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeRouteTables', 'ec2:DescribeInternetGateways', 'ec2:DescribeNatGateways', 'ec2:DescribeVpcEndpoints', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeNetworkAcls', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones', 'ec2:DescribeRegions', 'ec2:DescribeAccountAttributes'],
      Resource: '*',
    },
    {
      Sid: 'WorkbookLoadBalancerRead',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeRules', 'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetGroupAttributes', 'elasticloadbalancing:DescribeTargetHealth', 'elasticloadbalancing:DescribeAccountLimits'],
      Resource: '*',
    },
    {
      Sid: 'WorkbookIamRead',
      Effect: 'Allow',
      Action: ['iam:GetRole', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:GetRolePolicy'],
      Resource: '*',
    },
    {
      Sid: 'WorkbookLogsRead',
      Effect: 'Allow',
      Action: ['logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
      Resource: '*',
    },
    {
      Sid: 'WorkbookCloudFormationRead',
      Effect: 'Allow',
      Action: ['cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents'],
      Resource: '*',
    },
  ],
} as const;

export const readOnlyPolicyText = JSON.stringify(readOnlyPolicy, null, 2);
