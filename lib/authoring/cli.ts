import path from 'node:path';
import { extraLessonsDir, lessonsDir } from '../lessons/loader';
import { checkLessonDirs } from './check-lesson';
import { scaffoldLesson } from './scaffold';

/**
 * `npm run lesson:new <slug> [-- --dir <folder>]` and `npm run lesson:check [folder...]`
 * (bundled and run by scripts/lesson-tool.mjs). Exit code 1 on any problem, 2 on bad usage.
 */
const USAGE = 'usage: lesson-tool new <slug> [--dir <folder>] | lesson-tool check [folder...]';

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'new') {
    const dirAt = rest.indexOf('--dir');
    const dir = dirAt >= 0 ? path.resolve(rest[dirAt + 1] ?? '') : lessonsDir();
    const slug = (dirAt >= 0 ? rest.filter((_, i) => i !== dirAt && i !== dirAt + 1) : rest)[0];
    if (!slug) return (console.error(USAGE), 2);
    try {
      // Numbers continue after the course's, so a lesson kept in another folder never takes a course number.
      const file = scaffoldLesson(dir, slug, [lessonsDir()]);
      console.log(`Created ${path.relative(process.cwd(), file)}. Edit it, then run npm run lesson:check.`);
      return 0;
    } catch (err) {
      console.error((err as Error).message);
      return 1;
    }
  }
  if (command === 'check') {
    const extra = extraLessonsDir();
    const dirs = rest.length ? rest.map((d) => path.resolve(d)) : [lessonsDir(), ...(extra ? [extra] : [])];
    // A named folder is checked beside the course, so its links to course lessons resolve.
    if (rest.length && !dirs.includes(lessonsDir())) dirs.unshift(lessonsDir());
    const { lessons, problems } = checkLessonDirs(dirs);
    for (const p of problems) console.error(p);
    console.log(
      problems.length
        ? `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dirs.join(', ')}`
        : `${lessons.length} lessons checked, no problems`,
    );
    return problems.length ? 1 : 0;
  }
  console.error(USAGE);
  return 2;
}
