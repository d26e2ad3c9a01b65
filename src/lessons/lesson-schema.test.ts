import { describe, expect, it } from 'vitest';
import { lessonSchema } from './lesson-schema.ts';

const valid = {
  title: 'Before you start',
  summary: 'What the workbook is and what you need.',
  order: 0,
  duration: 10,
  cost: 'Free',
  objectives: ['Check that Docker runs', 'Check which AWS identity you use', 'Know what the course costs'],
  recap: ['Docker runs', 'The AWS CLI knows who you are', 'Next, you run your first container'],
  predict: { question: 'If Docker stopped now, what would `docker ps` say?', answer: 'That it cannot connect to the Docker daemon.' },
  steps: [{ id: 'setup/docker', title: 'Docker runs' }],
};

function issuesOf(input: unknown) {
  const result = lessonSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('lesson frontmatter schema', () => {
  it('accepts a complete lesson', () => {
    expect(lessonSchema.parse(valid)).toEqual(valid);
  });

  it('defaults steps to an empty list', () => {
    const { steps: _steps, ...withoutSteps } = valid;
    expect(lessonSchema.parse(withoutSteps).steps).toEqual([]);
  });

  it.each([
    ['title', { ...valid, title: '' }],
    ['summary', { ...valid, summary: undefined }],
    ['order', { ...valid, order: -1 }],
    ['order', { ...valid, order: 1.5 }],
    ['duration', { ...valid, duration: 0 }],
    ['cost', { ...valid, cost: '' }],
    ['steps.0.id', { ...valid, steps: [{ id: 'Setup Docker', title: 'x' }] }],
    ['steps.0.id', { ...valid, steps: [{ id: 'docker', title: 'x' }] }],
    ['objectives', { ...valid, objectives: undefined }],
    ['recap', { ...valid, recap: undefined }],
    ['objectives', { ...valid, objectives: ['Only one'] }],
    ['objectives', { ...valid, objectives: ['1', '2', '3', '4', '5', '6'] }],
    ['objectives.1', { ...valid, objectives: ['One', '  ', 'Three'] }],
    ['recap', { ...valid, recap: ['One', 'Two'] }],
    ['recap.0', { ...valid, recap: ['x'.repeat(241), 'Two', 'Three'] }],
    ['predict', { ...valid, predict: undefined }],
    ['predict.question', { ...valid, predict: { question: ' ', answer: 'An answer' } }],
    ['predict.answer', { ...valid, predict: { question: 'What next?' } }],
    ['predict.answer', { ...valid, predict: { question: 'What next?', answer: 'x'.repeat(401) } }],
    ['predict', { ...valid, predict: { question: 'What next?', answer: 'This.', hint: 'typo' } }],
    ['steps.0.title', { ...valid, steps: [{ id: 'setup/docker', title: '' }] }],
  ])('rejects a bad %s and names the field', (field, input) => {
    expect(issuesOf(input)).toContain(field);
  });

  it('rejects a step id used twice', () => {
    const twice = { ...valid, steps: [valid.steps[0], valid.steps[0]] };
    expect(issuesOf(twice)).toContain('steps.1.id');
  });

  it('rejects unknown fields, so a typo does not pass silently', () => {
    expect(issuesOf({ ...valid, durration: 5 })).toEqual(['']);
  });

  it('describes every field for authors', () => {
    for (const [name, field] of Object.entries(lessonSchema.shape)) {
      expect(field.description, name).toBeTruthy();
    }
  });
});
