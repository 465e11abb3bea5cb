/**
 * A structural check of an OpenAPI 3.1 document, without a validator dependency: the rules
 * that catch real mistakes in a generated document. Returns every problem found (empty = ok).
 */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const STATUS = /^(?:[1-5]\d\d|[1-5]XX|default)$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resolves a local JSON Pointer ref ("#/components/schemas/Product"). */
export function resolveRef(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObj(node) && !Array.isArray(node)) return undefined;
    node = (node as Obj)[key];
    if (node === undefined) return undefined;
  }
  return node;
}

const deref = (doc: unknown, v: unknown): unknown => (isObj(v) && typeof v.$ref === 'string' ? resolveRef(doc, v.$ref) : v);

export function checkOpenApiDocument(doc: unknown): string[] {
  const errors: string[] = [];
  const err = (where: string, msg: string) => errors.push(`${where}: ${msg}`);
  if (!isObj(doc)) return ['document: not an object'];
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi)) err('openapi', `must be 3.1.x, got ${String(doc.openapi)}`);
  const info = doc.info;
  if (!isObj(info) || typeof info.title !== 'string' || typeof info.version !== 'string') err('info', 'needs title and version strings');
  if (!isObj(doc.paths) && !isObj(doc.components) && !isObj(doc.webhooks)) err('document', 'needs paths, components or webhooks');

  // Every $ref anywhere must resolve inside the document.
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
    if (!isObj(node)) return;
    if (typeof node.$ref === 'string' && resolveRef(doc, node.$ref) === undefined) err(at, `$ref ${node.$ref} does not resolve`);
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
  };
  walk(doc, '#');

  const declaredTags = new Set(Array.isArray(doc.tags) ? doc.tags.map((t) => (isObj(t) ? t.name : undefined)) : []);
  const schemes = isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const checkSecurity = (sec: unknown, at: string) => {
    if (sec === undefined) return;
    if (!Array.isArray(sec)) return err(at, 'security must be an array');
    for (const req of sec) for (const name of Object.keys(isObj(req) ? req : {})) if (!(name in schemes)) err(at, `unknown security scheme ${name}`);
  };
  checkSecurity(doc.security, 'security');

  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    if (!path.startsWith('/')) err(path, 'path must start with "/"');
    if (!isObj(item)) { err(path, 'path item must be an object'); continue; }
    const templated = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
    const itemParams = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of Object.keys(item).filter((k) => METHODS.includes(k))) {
      const at = `${method.toUpperCase()} ${path}`;
      const op = item[method];
      if (!isObj(op)) { err(at, 'operation must be an object'); continue; }
      if (typeof op.operationId === 'string') {
        if (operationIds.has(op.operationId)) err(at, `duplicate operationId ${op.operationId}`);
        operationIds.add(op.operationId);
      }
      for (const tag of Array.isArray(op.tags) ? op.tags : []) if (!declaredTags.has(tag)) err(at, `tag ${String(tag)} is not declared`);
      checkSecurity(op.security, at);
      const params = [...itemParams, ...(Array.isArray(op.parameters) ? op.parameters : [])].map((p) => deref(doc, p));
      const seen = new Set<string>();
      for (const p of params) {
        if (!isObj(p) || typeof p.name !== 'string' || !['query', 'header', 'path', 'cookie'].includes(String(p.in))) { err(at, 'parameter needs a name and a valid "in"'); continue; }
        const key = `${p.in}:${p.name}`;
        if (seen.has(key)) err(at, `parameter ${key} declared twice`);
        seen.add(key);
        if (!isObj(p.schema) && !isObj(p.content)) err(at, `parameter ${key} needs a schema or content`);
        if (p.in === 'path') {
          if (p.required !== true) err(at, `path parameter ${p.name} must be required`);
          if (!templated.has(p.name)) err(at, `path parameter ${p.name} is not in the path`);
        }
      }
      for (const name of templated) if (!seen.has(`path:${name}`)) err(at, `path template {${name}} has no parameter`);
      if (op.requestBody !== undefined) {
        const body = deref(doc, op.requestBody);
        if (!isObj(body) || !isObj(body.content) || Object.keys(body.content).length === 0) err(at, 'requestBody needs content');
      }
      const responses = op.responses;
      if (!isObj(responses) || Object.keys(responses).length === 0) { err(at, 'needs responses'); continue; }
      for (const [code, r] of Object.entries(responses)) {
        if (!STATUS.test(code)) err(at, `bad response code ${code}`);
        const res = deref(doc, r);
        if (!isObj(res) || typeof res.description !== 'string') err(`${at} ${code}`, 'response needs a description');
        for (const [type, media] of Object.entries(isObj(res) && isObj(res.content) ? res.content : {})) {
          if (!isObj(media) || !isObj(media.schema)) err(`${at} ${code}`, `${type} needs a schema`);
        }
      }
      if (!Object.keys(responses).some((c) => /^[23]/.test(c))) err(at, 'has no success response');
    }
  }
  return errors;
}
