import { describe, expect, it } from 'vitest';
import { lessonText } from './lesson-text.ts';

const source = `---
title: Build the network
summary: A VPC with four subnets.
order: 4
duration: 30
cost: Free
objectives:
  - Build a VPC with \`create-vpc\`
recap:
  - Your VPC has four subnets
predict:
  question: Without the route to the gateway, can a task reach \`ecr\`?
  answer: No, it stops.
steps:
  - id: network/vpc
    title: Create the VPC
---
import NetworkDiagram from '../../src/components/diagrams/NetworkDiagram.astro';

Traffic enters through an **internet gateway**.

<Diagram alt="Two Availability Zones, each with a public subnet">
  <NetworkDiagram />
</Diagram>

| Name | CIDR |
|---|---|
| public-a | \`10.0.1.0/24\` |

<Command code={\`aws ec2 create-vpc --cidr-block 10.0.0.0/20\`} />

See [the guide](https://docs.aws.amazon.com/vpc/).
`;

describe('the searchable text of a lesson', () => {
  const text = lessonText(source);

  it('takes the title, summary and step titles from the frontmatter', () => {
    expect(text).toMatchObject({ title: 'Build the network', summary: 'A VPC with four subnets.', steps: ['Create the VPC'] });
  });

  it('takes the objectives and recap the page shows, without the backticks that mark code', () => {
    expect(text).toMatchObject({ objectives: ['Build a VPC with create-vpc'], recap: ['Your VPC has four subnets'] });
    expect(text.body).not.toContain('four subnets');
  });

  it('takes the prediction question and its answer, without the backticks that mark code', () => {
    expect(text.prediction).toEqual(['Without the route to the gateway, can a task reach ecr?', 'No, it stops.']);
    expect(lessonText('---\ntitle: T\n---\nBody').prediction).toEqual([]);
  });

  it('keeps prose, table cells, diagram descriptions and commands, without syntax', () => {
    expect(text.body).toContain('Traffic enters through an internet gateway .');
    expect(text.body).toContain('Two Availability Zones, each with a public subnet');
    expect(text.body).toContain('public-a 10.0.1.0/24');
    expect(text.body).toContain('aws ec2 create-vpc --cidr-block 10.0.0.0/20');
    expect(text.body).toContain('See the guide');
    for (const syntax of ['import', '<Diagram', '**', '|', '---', 'https://', 'code={']) expect(text.body).not.toContain(syntax);
  });
});
