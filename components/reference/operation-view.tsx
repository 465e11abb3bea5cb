import { resolveRef } from '@/lib/api/openapi/resolve-ref';
import type { JsonSchema, OpenApiDocument, Operation, Parameter, Response } from '@/lib/api/openapi/document';
import { SchemaFields, TypeLink } from './schema-fields';
import { constraints, exampleOf, refName } from './schema-text';

type Props = { doc: OpenApiDocument; method: string; path: string; op: Operation };

const statusClass = (code: string) =>
  code.startsWith('2') || code.startsWith('3') ? 'ok' : code.startsWith('5') ? 'bad' : 'warn';

function curlOf(doc: OpenApiDocument, method: string, path: string, op: Operation): string {
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

function Parameters({ params }: { params: Parameter[] }) {
  if (params.length === 0) return null;
  return (
    <>
      <h4 className="ref-op__label">Parameters</h4>
      <div className="ref-table-wrap">
        <table className="ref-table">
          <caption className="visually-hidden">Parameters</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In</th>
              <th scope="col">Type</th>
              <th scope="col">Rules and meaning</th>
            </tr>
          </thead>
          <tbody>
            {params.map((p) => (
              <tr key={`${p.in}:${p.name}`}>
                <th scope="row">
                  <code>{p.name}</code>
                  {p.required && <span className="ref-required">required</span>}
                </th>
                <td className="muted">{p.in}</td>
                <td>
                  <TypeLink schema={p.schema} />
                </td>
                <td>
                  {[
                    ...constraints(p.schema),
                    ...(p.schema.default !== undefined ? [`default ${JSON.stringify(p.schema.default)}`] : []),
                  ].join(' · ')}
                  {p.description && <div className="muted">{p.description}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One operation: what it does, the knobs that change it, its inputs, its answers, and a curl line. */
export function OperationView({ doc, method, path, op }: Props) {
  const params = op.parameters.map((p) => ('$ref' in p ? (resolveRef(doc, p.$ref) as Parameter) : p));
  const body = op.requestBody?.content['application/json']?.schema;
  const bodySchema = body?.$ref ? (resolveRef(doc, body.$ref) as JsonSchema) : body;
  const titleId = `${op.operationId}-title`;
  return (
    <section className="ref-op" id={op.operationId} aria-labelledby={titleId}>
      <h3 className="ref-op__title" id={titleId}>
        <span className={`ref-method ref-method--${method}`}>{method.toUpperCase()}</span>
        <code className="ref-op__path">
          {doc.servers[0]?.url}
          {path}
        </code>
        {op.deprecated && (
          <span className="pill pill--warn" title="This version sends Deprecation and Sunset headers">
            deprecated
          </span>
        )}
      </h3>
      <p className="ref-op__summary">{op.summary}</p>
      <p className="ref-op__desc">{op.description}</p>
      {op['x-knobs'] && (
        <p className="ref-op__knobs">
          <span className="muted">Knobs that change it:</span>{' '}
          {op['x-knobs'].map((k) => (
            <span key={k} className="pill">
              {k}
            </span>
          ))}
        </p>
      )}
      <Parameters params={params} />
      {bodySchema && (
        <>
          <h4 className="ref-op__label">
            Request body{' '}
            <span className="muted">
              application/json ·{' '}
              {body?.$ref ? <a href={`#schema-${refName(body.$ref)}`}>{refName(body.$ref)}</a> : 'object'}
            </span>
          </h4>
          <SchemaFields schema={bodySchema} caption="Request body fields" />
        </>
      )}
      <h4 className="ref-op__label">Responses</h4>
      <ul className="ref-responses">
        {Object.entries(op.responses).map(([code, r]) => {
          const res = ('$ref' in r ? resolveRef(doc, r.$ref) : r) as Response;
          const [type, media] = Object.entries(res.content ?? {})[0] ?? [];
          return (
            <li key={code}>
              <span className={`pill pill--${statusClass(code)} num`}>{code}</span>
              <span>{res.description}</span>
              {type && media && (
                <span className="muted ref-responses__type">
                  {type} · <TypeLink schema={media.schema} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <details className="ref-op__example">
        <summary>Example request</summary>
        <pre className="code-block">{curlOf(doc, method, path, op)}</pre>
      </details>
    </section>
  );
}
