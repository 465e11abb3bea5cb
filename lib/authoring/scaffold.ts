import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run lesson:new <slug>`: a lesson folder with valid frontmatter and one of each core
 * widget, numbered after the last lesson in the folder. The text says what to replace; the
 * checker (and the lessons test) pass on it as written, so an author starts from green.
 */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function titleFromSlug(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function lessonTemplate(slug: string): string {
  return `---
title: ${titleFromSlug(slug)}
summary: One sentence for the course map; say what the learner will change and measure.
minutes: 10
part: advanced
# The knob groups the lab panel shows (lib/knobs/registry.ts); leave the line out to show them all.
knobs: [appCache]
# What the Run button starts with (lib/load/profile.ts).
workload:
  model: constant-arrival
  rate: 5
  durationSec: 5
  mix:
    - { endpoint: product-by-id, weight: 1 }
checks:
  - id: cached-run
    kind: run
    title: Run the product workload with the app cache on
    where:
      settings: { appCache: { enabled: true } }
      endpoint: product-by-id
---

Start with the problem a learner would meet in production, in two or three sentences.

<Prediction
  id="first-guess"
  check="cached-run"
  question="With the app cache on, what will happen to p95 latency?"
  options={["It drops", "It barely changes", "It gets worse"]}
/>

<Lab>
  Say what to do in the lab panel, naming each control as the panel labels it: in **Knobs & plan**, under
  **App cache**, switch on **Cache product and user reads in memory**; then open **Load** and press **Run**.
</Lab>

<Check id="cached-run" />

<Quiz
  id="why"
  question="Replace this question with one about the idea, not the buttons."
  options={[
    { text: "The right answer", correct: true, explain: "Why it is right." },
    { text: "A tempting wrong answer", explain: "Why it is wrong, in one sentence." }
  ]}
/>
`;
}

const lessonFolders = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => /^\d{2}-/.test(d)) : []);

/**
 * Creates `<dir>/NN-<slug>/index.mdx` and returns its path; refuses a bad or taken slug.
 * NN follows the last lesson in `dir` and in `alsoAfter` (the course, when `dir` is another folder).
 */
export function scaffoldLesson(dir: string, slug: string, alsoAfter: string[] = []): string {
  if (!SLUG.test(slug))
    throw new Error(`"${slug}" is not a slug: use lowercase words joined by hyphens, like rate-limits`);
  const folders = [...new Set([dir, ...alsoAfter])].flatMap(lessonFolders);
  const taken = folders.find((d) => d.slice(3) === slug);
  if (taken) throw new Error(`a lesson with the slug "${slug}" already exists: ${taken}`);
  const next = Math.max(0, ...folders.map((d) => Number(d.slice(0, 2)))) + 1;
  if (next > 99) throw new Error('lesson numbers have two digits: there is no room after 99');
  const folder = path.join(dir, `${String(next).padStart(2, '0')}-${slug}`);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'index.mdx');
  fs.writeFileSync(file, lessonTemplate(slug));
  return file;
}
