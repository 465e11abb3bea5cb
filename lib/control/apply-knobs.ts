import type { LabHost } from '../lab-server/host';
import type { ControlRuntime } from './ports';
import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch } from '../knobs/schema';

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
  const result = await lab.call('applyKnobs', { sandboxId, settings, indexes }, 120_000);
  await rt.repo.settings.write(sandboxId, settings, new Date());
  return { sandboxId, ...result };
}
