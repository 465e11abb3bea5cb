import type { JsonSchema } from '@/lib/api/openapi/document';
import { constraints, refName, typeLabel } from './schema-text';

/** A schema's type, linked to its component when it is a reference (or a list/nullable of one). */
export function TypeLink({ schema }: { schema: JsonSchema }) {
  const refs = [schema, schema.items, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) =>
    s?.$ref ? [s.$ref] : [],
  );
  const label = typeLabel(schema);
  if (refs.length === 0) return <code className="ref-type">{label}</code>;
  // Link each component name inside the label ("array of Order", "Product or null").
  const parts = label.split(/(\b[A-Z][A-Za-z]+\b)/);
  const names = new Set(refs.map(refName));
  return (
    <code className="ref-type">
      {parts.map((p, i) =>
        names.has(p) ? (
          <a key={i} href={`#schema-${p}`}>
            {p}
          </a>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </code>
  );
}

/** An object schema's properties as a table: name, type, required, rules and default, words. */
export function SchemaFields({ schema, caption }: { schema: JsonSchema; caption: string }) {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return <p className="muted ref-note">No fields.</p>;
  const required = new Set(schema.required ?? []);
  return (
    <div className="ref-table-wrap">
      <table className="ref-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Rules</th>
          </tr>
        </thead>
        <tbody>
          {props.map(([name, s]) => (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
                {required.has(name) ? <span className="ref-required">required</span> : null}
              </th>
              <td>
                <TypeLink schema={s} />
              </td>
              <td>
                {[...constraints(s), ...(s.default !== undefined ? [`default ${JSON.stringify(s.default)}`] : [])].join(
                  ' · ',
                )}
                {s.description && <div className="muted">{s.description}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
