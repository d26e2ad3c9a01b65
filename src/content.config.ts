import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lessons/lesson-schema.ts';

/** Lessons live in the top-level `lessons/` folder: `lessons/<nn>-<slug>/<lang>.mdx`. Ids are `<nn>-<slug>/<lang>`. */
const lessons = defineCollection({
  loader: glob({
    pattern: '*/*.mdx',
    base: './lessons',
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: lessonSchema,
});

export const collections = { lessons };
