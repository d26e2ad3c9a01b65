/** `ecs-workbook course run [--lesson <slug>]… | [--through <slug>] [--real] [--yes] [--lang en|ja] [--data-dir DIR]`. */
import { isLanguage, type Language } from '../i18n/languages.ts';

export interface CourseRunOptions {
  lessons: string[];
  /** Without --lesson: the course from its start up to this lesson (default: all of it, 00 to 12). */
  through?: string;
  real: boolean;
  yes: boolean;
  lang?: Language;
  dataDir?: string;
}

export class CourseRunUsageError extends Error {}

export function parseCourseRunOptions(argv: readonly string[]): CourseRunOptions {
  const options: CourseRunOptions = { lessons: [], real: false, yes: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') ? (arg.split('=', 2) as [string, string | undefined]) : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next.startsWith('--')) throw new CourseRunUsageError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--lesson': options.lessons.push(value()); break;
      case '--through': options.through = value(); break;
      case '--real': options.real = true; break;
      case '--yes': case '-y': options.yes = true; break;
      case '--data-dir': options.dataDir = value(); break;
      case '--lang': {
        const lang = value();
        if (!isLanguage(lang)) throw new CourseRunUsageError(`--lang must be en or ja, not "${lang}".`);
        options.lang = lang;
        break;
      }
      default:
        throw new CourseRunUsageError(`Unknown option "${arg}".`);
    }
  }
  if (options.through !== undefined && options.lessons.length > 0) {
    throw new CourseRunUsageError('Use --lesson (the lessons named) or --through (the course up to a lesson), not both.');
  }
  return options;
}
