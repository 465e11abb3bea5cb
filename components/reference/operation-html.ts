import { resolveRef } from '@/lib/api/openapi/resolve-ref';
import type { JsonSchema, OpenApiDocument, Operation, Parameter, Response } from '@/lib/api/openapi/document';
import { markup, type SafeHtml } from './markup';
import { rulesCell, schemaFields, typeLink } from './schema-html';
import { exampleOf, refName } from './schema-text';

export type OperationEntry = { method: string; path: string; op: Operation };

const statusClass = (code: string) =>
  code.startsWith('2') || code.startsWith('3') ? 'ok' : code.startsWith('5') ? 'bad' : 'warn';

function curlOf(doc: OpenApiDocument, { method, path, op }: OperationEntry): string {
  const url = `http://localhost:3000${doc.servers[0]?.url ?? ''}${path.replace(/\{[^}]+\}/g, '1')}`;
  const lines = [
    `curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} '${url}'`,
    `  -H "Authorization: Bearer $SCALE_LAB_TOKEN"`,
  ];
  const body = op.requestBody?.content['application/json']?.schema;
  if (body) {
    const example = exampleOf(body, (ref) => resolveRef(doc, ref) as JsonSchema | undefined);
    lines.push(`  -H 'Content-Type: application/json'`, `  -d '${JSON.stringify(example)}'`);
  }
  return lines.join(' \\\n');
}

function parameters(params: Parameter[]): SafeHtml | '' {
  if (params.length === 0) return '';
  const rows = params.map(
    (p) => markup`
      <tr>
        <th scope="row"><code>${p.name}</code>${p.required && markup`<span class="ref-required">required</span>`}</th>
        <td class="muted">${p.in}</td>
        <td>${typeLink(p.schema)}</td>
        ${rulesCell(p.schema, p.description)}
      </tr>`,
  );
  return markup`
    <h4 class="ref-op__label">Parameters</h4>
    <div class="ref-table-wrap">
      <table class="ref-table">
        <caption class="visually-hidden">Parameters</caption>
        <thead>
          <tr>
            <th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Rules and meaning</th>
          </tr>
        </thead>
        <tbody>${rows}</tbody>
      </table>
    </div>`;
}

function requestBody(op: Operation, doc: OpenApiDocument): SafeHtml | '' {
  const body = op.requestBody?.content['application/json']?.schema;
  const schema = body?.$ref ? (resolveRef(doc, body.$ref) as JsonSchema) : body;
  if (!body || !schema) return '';
  const name = body.$ref ? refName(body.$ref) : undefined;
  return markup`
    <h4 class="ref-op__label">Request body <span class="muted">application/json · ${
      name ? markup`<a href="#schema-${name}">${name}</a>` : 'object'
    }</span></h4>
    ${schemaFields(schema, 'Request body fields')}`;
}

function responses(op: Operation, doc: OpenApiDocument): SafeHtml {
  const items = Object.entries(op.responses).map(([code, r]) => {
    const res = ('$ref' in r ? resolveRef(doc, r.$ref) : r) as Response;
    const [type, media] = Object.entries(res.content ?? {})[0] ?? [];
    return markup`
      <li>
        <span class="pill pill--${statusClass(code)} num">${code}</span><span>${res.description}</span>${
          type && media && markup`<span class="muted ref-responses__type">${type} · ${typeLink(media.schema)}</span>`
        }
      </li>`;
  });
  return markup`<h4 class="ref-op__label">Responses</h4><ul class="ref-responses">${items}</ul>`;
}

/** One operation: what it does, the knobs that change it, its inputs, its answers, and a curl line. */
export function operationHtml(doc: OpenApiDocument, entry: OperationEntry): SafeHtml {
  const { method, path, op } = entry;
  const params = op.parameters.map((p) => ('$ref' in p ? (resolveRef(doc, p.$ref) as Parameter) : p));
  const knobs = op['x-knobs'];
  return markup`
    <section class="ref-op" id="${op.operationId}" aria-labelledby="${op.operationId}-title">
      <h3 class="ref-op__title" id="${op.operationId}-title">
        <span class="ref-method ref-method--${method}">${method.toUpperCase()}</span>
        <code class="ref-op__path">${doc.servers[0]?.url}${path}</code>
        ${
          op.deprecated &&
          markup`<span class="pill pill--warn" title="This version sends Deprecation and Sunset headers">deprecated</span>`
        }
      </h3>
      <p class="ref-op__summary">${op.summary}</p>
      <p class="ref-op__desc">${op.description}</p>
      ${
        knobs &&
        markup`<p class="ref-op__knobs"><span class="muted">Knobs that change it:</span> ${knobs.map(
          (k) => markup`<span class="pill">${k}</span>`,
        )}</p>`
      }
      ${parameters(params)}
      ${requestBody(op, doc)}
      ${responses(op, doc)}
      <details class="ref-op__example">
        <summary>Example request</summary>
        <pre class="code-block">${curlOf(doc, entry)}</pre>
      </details>
    </section>`;
}
