import Link from 'next/link';
import { openApiDocument } from '@/lib/api/openapi/document';
import { V1_SUNSET_AT, type ApiVersion } from '@/lib/api/versions';
import { OperationView } from './operation-view';
import { SchemaFields, TypeLink } from './schema-fields';

/**
 * The Shop API reference of one version, rendered on the server from the same OpenAPI
 * document as /api/openapi.json: no Swagger UI, nothing from a CDN, readable with JavaScript off.
 */
export function ReferenceDoc({ version }: { version: ApiVersion }) {
  const doc = openApiDocument(version);
  const json = version === 1 ? '/api/openapi.json' : `/api/openapi.json?version=${version}`;
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );
  const schemas = Object.entries(doc.components.schemas);
  return (
    <div className="ref">
      <nav className="ref__nav" aria-label="API reference">
        <a href="#overview" className="ref__nav-top">
          Overview
        </a>
        {doc.tags.map((t) => (
          <div key={t.name} className="ref__nav-group">
            <a href={`#tag-${t.name}`} className="ref__nav-tag">
              {t.name}
            </a>
            <ul>
              {ops
                .filter((o) => o.op.tags.includes(t.name))
                .map(({ method, path, op }) => (
                  <li key={op.operationId}>
                    <a href={`#${op.operationId}`}>
                      <span className={`ref-method ref-method--${method} ref-method--small`}>
                        {method.toUpperCase()}
                      </span>{' '}
                      {path}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))}
        <a href="#schemas" className="ref__nav-top">
          Schemas
        </a>
      </nav>

      <div className="ref__main">
        <header className="ref__intro" id="overview">
          <p className="lesson__eyebrow">
            OpenAPI {doc.openapi} · version {doc.info.version}
          </p>
          <h1>{doc.info.title}</h1>
          <p className="ref__lede">{doc.info.description}</p>
          <dl className="ref__facts">
            <dt>Version</dt>
            <dd data-testid="reference-version">
              {version === 1 ? (
                <>
                  Version 1, <strong>deprecated</strong>: it answers until at least{' '}
                  {V1_SUNSET_AT.toISOString().slice(0, 10)} (the Sunset header). Its successor is{' '}
                  <Link href="/reference/v2">version 2</Link>.
                </>
              ) : (
                <>
                  Version 2, current. The deprecated <Link href="/reference">version 1</Link> is still served at{' '}
                  <code>/api/v1</code>.
                </>
              )}
            </dd>
            <dt>Base URL</dt>
            <dd>
              <code>{doc.servers[0]?.url}</code> on this server. Your learner token picks your own sandbox; nobody
              else&apos;s data is reachable.
            </dd>
            <dt>Authentication</dt>
            <dd>
              The <code>scale_lab_token</code> cookie a lesson page sets, or{' '}
              <code>Authorization: Bearer &lt;token&gt;</code> with the token that <code>POST /api/lab/sandbox</code>{' '}
              returns.
            </dd>
            <dt>Errors</dt>
            <dd>
              <code>application/problem+json</code> (RFC 9457); each <code>type</code> is explained on{' '}
              <Link href="/problems">API errors</Link>.
            </dd>
            <dt>Pagination</dt>
            <dd>
              {version === 1 ? (
                <>
                  Lists page by offset (<code>page</code>, <code>limit</code>), by cursor (<code>cursor</code>,{' '}
                  <code>limit</code>) or not at all, as your pagination knob says; unknown or repeated query parameters
                  are a 400.
                </>
              ) : (
                <>
                  Lists always page by cursor (<code>cursor</code>, <code>limit</code>; the <code>Link</code> header has
                  the next page), whatever the pagination knob says; unknown or repeated query parameters are a 400.
                </>
              )}
            </dd>
            <dt>Machine-readable</dt>
            <dd>
              <a href={json} data-testid="openapi-link">
                {json}
              </a>
              : import it into any OpenAPI tool. It is generated from the zod schemas the API validates with, so it
              cannot drift from them.
            </dd>
          </dl>
        </header>

        {doc.tags.map((t) => (
          <section key={t.name} id={`tag-${t.name}`} className="ref__tag" aria-labelledby={`tag-${t.name}-title`}>
            <h2 id={`tag-${t.name}-title`}>{t.name}</h2>
            <p className="muted">{t.description}</p>
            {ops
              .filter((o) => o.op.tags.includes(t.name))
              .map(({ method, path, op }) => (
                <OperationView key={op.operationId} doc={doc} method={method} path={path} op={op} />
              ))}
          </section>
        ))}

        <section id="schemas" className="ref__tag" aria-labelledby="schemas-title">
          <h2 id="schemas-title">Schemas</h2>
          {schemas.map(([name, schema]) => (
            <section key={name} id={`schema-${name}`} className="ref-schema" aria-labelledby={`schema-${name}-title`}>
              <h3 id={`schema-${name}-title`} className="ref-schema__title">
                <code>{name}</code>
              </h3>
              {schema.description && <p className="muted">{schema.description}</p>}
              {schema.properties ? (
                <SchemaFields schema={schema} caption={`${name} fields`} />
              ) : (
                <p className="ref-note">
                  One of <TypeLink schema={schema} />.
                </p>
              )}
            </section>
          ))}
        </section>
      </div>
    </div>
  );
}
