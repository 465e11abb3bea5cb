import type { z } from 'zod';
import type { FieldSpec, GroupSpec } from './group-spec';
import { appCache } from './groups/app-cache';
import { httpCache } from './groups/http-cache';
import { pagination } from './groups/pagination';
import { queryShape } from './groups/query-shape';
import { rateLimit } from './groups/rate-limit';
import { replica } from './groups/replica';
import { writes } from './groups/writes';
import { describeIndex, INDEXES } from './indexes';

/**
 * Every knob the learner can turn, in one list: the settings schema, the defaults, the patch
 * merge, lesson frontmatter, the knob panel, the share page, run comparisons, lesson start
 * states and "what mattered" all read it. Adding a knob means adding it to its group here
 * (or a new group file), to its pipeline stage, and to its panel section; nothing else.
 * The order is the knob panel's, which follows the course.
 */
export const KNOB_GROUPS = { pagination, appCache, httpCache, rateLimit, queryShape, writes, replica } as const;

type Groups = typeof KNOB_GROUPS;
export type GroupId = keyof Groups;
export type GroupValue<G extends GroupId> = z.output<Groups[G]['schema']>;

export const GROUP_IDS = Object.keys(KNOB_GROUPS) as [GroupId, ...GroupId[]];

/** What a lesson's `knobs:` may name and the panel may show: the indexes, then each group. */
export type KnobGroup = 'indexes' | GroupId;
export const PANEL_GROUPS: [KnobGroup, ...KnobGroup[]] = ['indexes', ...GROUP_IDS];

export { INDEXES, INDEX_NAMES, indexLabel, describeIndex } from './indexes';

/** One group's spec, typed loosely, for code that walks every group. */
export function groupSpec(id: GroupId): GroupSpec {
  return KNOB_GROUPS[id] as GroupSpec;
}

/** A group's value in words: "on, token bucket, 100 requests per 60 s". */
export function describeGroup<G extends GroupId>(id: G, value: Partial<GroupValue<G>>): string {
  return groupSpec(id).describe(value);
}

/** "Rate limiter: on, token bucket, 100 requests per 60 s". */
export function describeSetting<G extends GroupId>(id: G, value: Partial<GroupValue<G>>): string {
  return `${KNOB_GROUPS[id].label}: ${describeGroup(id, value)}`;
}

/** The group inside a sentence: "the rate limiter on, token bucket", "cursor pages". */
export function phrase(id: GroupId, value: Record<string, unknown>): string {
  const spec = groupSpec(id);
  // Pagination's words ("cursor pages") already name the knob; the others need their noun.
  return id === 'pagination' ? spec.describe(value) : `${spec.noun} ${spec.describe(value)}`;
}

/** The index inside a sentence: "the index on orders.user_id present". */
export function indexPhrase(name: keyof typeof INDEXES, present: boolean): string {
  return `${INDEXES[name].noun} ${describeIndex(present)}`;
}

/** The group is as the course starts it ("off"): the fields its `off` names have those values. */
export function isOff(id: GroupId, value: object): boolean {
  return Object.entries(groupSpec(id).off).every(([k, v]) => (value as Record<string, unknown>)[k] === v);
}

/** A field of a group by its dotted path ("rateLimit.windowSeconds"), if the registry has it. */
export function fieldSpec(path: string): FieldSpec | undefined {
  const [group, field, ...rest] = path.split('.');
  if (!group || !field || rest.length || !(group in KNOB_GROUPS)) return undefined;
  return (groupSpec(group as GroupId).fields as Record<string, FieldSpec | undefined>)[field];
}

/** One field's value in words: "60 s", "token bucket", "on". */
export function describeField(spec: FieldSpec | undefined, value: unknown): string {
  if (value === true) return 'on';
  if (value === false) return 'off';
  if (typeof value === 'number') return `${value.toLocaleString('en')}${spec?.unit ? ` ${spec.unit}` : ''}`;
  if (typeof value === 'string') return spec?.words?.[value] ?? value;
  return value === undefined || value === null ? '–' : JSON.stringify(value);
}

/** A number field's bounds, read from its schema (the panel's inputs and the docs use them). */
export function bounds<G extends GroupId>(id: G, field: keyof GroupValue<G> & string): { min: number; max: number } {
  const schema = (groupSpec(id).schema.shape as Record<string, z.ZodType>)[field];
  const n = schema as z.ZodNumber | undefined;
  if (!n || typeof n.minValue !== 'number' || typeof n.maxValue !== 'number')
    throw new Error(`${id}.${field} is not a bounded number`);
  return { min: n.minValue, max: n.maxValue };
}
