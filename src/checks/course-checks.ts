/**
 * What a course hands the check engine: its registry of step checks and its message texts. The
 * composition roots (server, CLI) pass the course's (`checks/index.ts`) in; the engine itself
 * imports no course, so a test can run it on a course of its own.
 */
import type { CheckRegistry } from './check-registry.ts';
import type { Dictionaries } from './render-message.ts';

export interface CourseChecks {
  registry: CheckRegistry;
  /** Every text a result can name, in English and Japanese (the shared ones included). */
  dictionaries(): Promise<Dictionaries>;
}
