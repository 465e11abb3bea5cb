import Link from 'next/link';
import { openApiDocument } from '@/lib/api/openapi/document';
import { V1_SUNSET_AT, type ApiVersion } from '@/lib/api/versions';
import { navHtml, sectionsHtml } from './reference-html';
import { ServerHtml } from './server-html';
import { putServerHtml } from './server-html-registry';

const built = new Set<ApiVersion>();

/**
 * The generated part of a version's reference, built once per process (the page is prerendered
 * at build) and handed to ServerHtml's server render by id: the ids of its two blocks.
 */
function generated(version: ApiVersion) {
  const ids = { nav: `ref-v${version}-contents`, sections: `ref-v${version}-operations` };
  if (!built.has(version)) {
    const doc = openApiDocument(version);
    putServerHtml(ids.nav, navHtml(doc).toString());
    putServerHtml(ids.sections, sectionsHtml(doc).toString());
    built.add(version);
  }
  return ids;
}

/**
 * The Shop API reference of one version, rendered on the server from the same OpenAPI
 * document as /api/openapi.json: no Swagger UI, nothing from a CDN, readable with JavaScript off.
 * The table of contents and the operations are static HTML (reference-html.ts, every value
 * from the document escaped) in two ServerHtml blocks: React hydrates the two elements that
 * hold them, not the ~2,800 elements inside, and the RSC payload carries their ids, not them.
 * On a phone the contents fold into a closed "Contents" disclosure, so the introduction comes
 * first; wider, the disclosure is always open (CSS, app/globals.css) and its summary hidden.
 */
export function ReferenceDoc({ version }: { version: ApiVersion }) {
  const doc = openApiDocument(version);
  const json = version === 1 ? '/api/openapi.json' : `/api/openapi.json?version=${version}`;
  const page = version === 1 ? '/reference' : `/reference/v${version}`;
  const ids = generated(version);
  return (
    <div className="ref">
      <details className="ref__toc">
        <summary className="ref__toc-summary">Contents</summary>
        <nav className="ref__nav" aria-label="API reference">
          <ServerHtml key={ids.nav} id={ids.nav} page={page} className="ref__nav-list" />
        </nav>
      </details>

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

        <ServerHtml key={ids.sections} id={ids.sections} page={page} />
      </div>
    </div>
  );
}
