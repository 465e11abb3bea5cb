import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, type OpenApiDocument } from '@/lib/api/openapi/document';
import { navHtml, operationsOf, sectionsHtml } from './reference-html';

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
const anchors = (html: string) => [...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]);

describe.each([1, 2] as const)('reference HTML, version %i', (version) => {
  const doc = buildOpenApiDocument(version);
  const nav = navHtml(doc).toString();
  const body = sectionsHtml(doc).toString();

  it('gives every operation, tag and schema the id that links and tests use', () => {
    const have = ids(body);
    for (const { op } of operationsOf(doc)) expect(have).toContain(op.operationId);
    for (const t of doc.tags) expect(have).toContain(`tag-${t.name}`);
    for (const name of Object.keys(doc.components.schemas)) expect(have).toContain(`schema-${name}`);
    expect(have).toContain('schemas');
  });

  it('has no anchor link that leads nowhere on the page', () => {
    const have = new Set([...ids(body), 'overview']); // #overview is the React-rendered introduction
    const dangling = [...anchors(nav), ...anchors(body)].filter((a) => !have.has(a));
    expect(dangling).toEqual([]);
    expect(anchors(nav).length).toBeGreaterThan(operationsOf(doc).length);
  });

  it('labels every section by a heading that exists', () => {
    const have = ids(body);
    const labels = [...body.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(10);
    expect(labels.filter((l) => !have.has(l))).toEqual([]);
  });
});

it('escapes what comes from the document', () => {
  const doc: OpenApiDocument = structuredClone(buildOpenApiDocument(1));
  const first = operationsOf(doc)[0]!.op;
  first.description = '<img src=x onerror=alert(1)>';
  first.summary = 'a "quoted" & <b>bold</b> summary';
  const tag = doc.tags[0]!;
  tag.description = '</section><script>alert(2)</script>';
  const html = sectionsHtml(doc).toString();
  expect(html).not.toMatch(/<img|<script|<b>/);
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(html).toContain('a &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt; summary');
  expect(html).toContain('&lt;/section&gt;&lt;script&gt;');
});
