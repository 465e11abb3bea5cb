import type { LabHost } from '../lab-server/host';
import { APPLY_KNOBS_TIMEOUT_MS } from '../lab-server/knob-limits';
import type { ControlRuntime } from './ports';
import { DEFAULT_SETTINGS, mergeSettings, type IndexState, type SettingsPatch } from '../knobs/schema';
import { readKnobs } from './read-knobs';

/**
 * Applies a knob patch to a sandbox: the lab server changes indexes and stages first, then
 * the settings are stored. `from: 'defaults'` starts from everything-off (a lesson preset),
 * otherwise the patch changes only what it names.
 */
export async function applyKnobPatch(
  rt: ControlRuntime,
  lab: LabHost,
  sandboxId: string,
  patch: SettingsPatch,
  from: 'current' | 'defaults' = 'current',
) {
  const { indexes, ...knobs } = patch;
  const base = from === 'defaults' ? DEFAULT_SETTINGS : await rt.repo.settings.read(sandboxId);
  const settings = mergeSettings(base, knobs);
  const result = await lab.call('applyKnobs', { sandboxId, settings, indexes }, APPLY_KNOBS_TIMEOUT_MS);
  await rt.repo.settings.write(sandboxId, settings, new Date());
  await rt.repo.sandboxes.setIndexes(sandboxId, presentIndexes(result.indexes));
  return { sandboxId, ...result };
}

const presentIndexes = (states: IndexState[]) => states.filter((i) => i.present).map((i) => i.name);

/**
 * Records which teaching indexes the sandbox has now (after the SQL console built or dropped
 * one), so a node that takes the sandbox over builds the same ones.
 */
export async function recordIndexes(rt: ControlRuntime, lab: LabHost, sandboxId: string): Promise<void> {
  const { indexes } = await readKnobs(rt, lab, sandboxId);
  await rt.repo.sandboxes.setIndexes(sandboxId, presentIndexes(indexes));
}
