import type { OpenApiDocument } from '@/lib/api/openapi/document';
import { markup, type SafeHtml } from './markup';
import { operationHtml, type OperationEntry } from './operation-html';
import { schemaFields, typeLink } from './schema-html';

/** Every operation of the document with its path and method, in document order. */
export const operationsOf = (doc: OpenApiDocument): OperationEntry[] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );

const tagged = (ops: OperationEntry[], tag: string) => ops.filter((o) => o.op.tags.includes(tag));

/** The table of contents: the inside of the page's <nav>, one group of links per tag. */
export function navHtml(doc: OpenApiDocument): SafeHtml {
  const ops = operationsOf(doc);
  const groups = doc.tags.map(
    (t) => markup`
      <div class="ref__nav-group">
        <a href="#tag-${t.name}" class="ref__nav-tag">${t.name}</a>
        <ul>${tagged(ops, t.name).map(
          ({ method, path, op }) => markup`
            <li><a href="#${op.operationId}"><span class="ref-method ref-method--${method} ref-method--small">${method.toUpperCase()}</span> ${path}</a></li>`,
        )}</ul>
      </div>`,
  );
  return markup`<a href="#overview" class="ref__nav-top">Overview</a>${groups}<a href="#schemas" class="ref__nav-top">Schemas</a>`;
}

/** The body of the reference after its introduction: a section per tag, then the schemas. */
export function sectionsHtml(doc: OpenApiDocument): SafeHtml {
  const ops = operationsOf(doc);
  const tags = doc.tags.map(
    (t) => markup`
      <section id="tag-${t.name}" class="ref__tag" aria-labelledby="tag-${t.name}-title">
        <h2 id="tag-${t.name}-title">${t.name}</h2>
        <p class="muted">${t.description}</p>
        ${tagged(ops, t.name).map((entry) => operationHtml(doc, entry))}
      </section>`,
  );
  const schemas = Object.entries(doc.components.schemas).map(
    ([name, schema]) => markup`
      <section id="schema-${name}" class="ref-schema" aria-labelledby="schema-${name}-title">
        <h3 id="schema-${name}-title" class="ref-schema__title"><code>${name}</code></h3>
        ${schema.description && markup`<p class="muted">${schema.description}</p>`}
        ${
          schema.properties
            ? schemaFields(schema, `${name} fields`)
            : markup`<p class="ref-note">One of ${typeLink(schema)}.</p>`
        }
      </section>`,
  );
  return markup`
    ${tags}
    <section id="schemas" class="ref__tag" aria-labelledby="schemas-title">
      <h2 id="schemas-title">Schemas</h2>
      ${schemas}
    </section>`;
}
