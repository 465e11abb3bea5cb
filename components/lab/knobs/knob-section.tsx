import type React from 'react';
import { KNOB_GROUPS, type GroupId } from '@/lib/knobs/registry';

const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * One section of the knob panel: a knob group's heading, in the registry's words, labelling the
 * controls below it. `title` and `id` serve the sections that are not a group (indexes, others).
 */
export function KnobSection({
  group,
  title,
  id,
  testId,
  children,
}: ({ group: GroupId; title?: undefined; id?: undefined } | { group?: undefined; title: string; id: string }) & {
  testId?: string;
  children: React.ReactNode;
}) {
  const headingId = `knobs-${group ? kebab(group) : id}`;
  return (
    <section className="knob-group" aria-labelledby={headingId} data-testid={testId}>
      <h3 className="panel__section-title" id={headingId}>
        {group ? KNOB_GROUPS[group].label : title}
      </h3>
      {children}
    </section>
  );
}
