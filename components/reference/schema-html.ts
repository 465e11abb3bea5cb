import type { JsonSchema } from '@/lib/api/openapi/document';
import { markup, type SafeHtml } from './markup';
import { constraints, refName, typeLabel } from './schema-text';

/** A schema's type, linked to its component when it is a reference (or a list/nullable of one). */
export function typeLink(schema: JsonSchema): SafeHtml {
  const refs = [schema, schema.items, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) =>
    s?.$ref ? [s.$ref] : [],
  );
  const label = typeLabel(schema);
  if (refs.length === 0) return markup`<code class="ref-type">${label}</code>`;
  // Link each component name inside the label ("array of Order", "Product or null"); the words
  // between stay plain text, not an element each.
  const names = new Set(refs.map(refName));
  const parts = label
    .split(/(\b[A-Z][A-Za-z]+\b)/)
    .map((p) => (names.has(p) ? markup`<a href="#schema-${p}">${p}</a>` : p));
  return markup`<code class="ref-type">${parts}</code>`;
}

/** The rules beyond the type and the default, then the field's own words. */
export function rulesCell(schema: JsonSchema, description: string | undefined): SafeHtml {
  const rules = [
    ...constraints(schema),
    ...(schema.default !== undefined ? [`default ${JSON.stringify(schema.default)}`] : []),
  ].join(' · ');
  return markup`<td>${rules}${description ? markup`<div class="muted">${description}</div>` : ''}</td>`;
}

/** An object schema's properties as a table: name, type, required, rules and default, words. */
export function schemaFields(schema: JsonSchema, caption: string): SafeHtml {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return markup`<p class="muted ref-note">No fields.</p>`;
  const required = new Set(schema.required ?? []);
  const rows = props.map(
    ([name, s]) => markup`
      <tr>
        <th scope="row"><code>${name}</code>${required.has(name) && markup`<span class="ref-required">required</span>`}</th>
        <td>${typeLink(s)}</td>
        ${rulesCell(s, s.description)}
      </tr>`,
  );
  return markup`
    <div class="ref-table-wrap">
      <table class="ref-table">
        <caption class="visually-hidden">${caption}</caption>
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Rules</th></tr>
        </thead>
        <tbody>${rows}</tbody>
      </table>
    </div>`;
}
