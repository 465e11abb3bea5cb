import { parseJsonBody } from '../json-body';
import type { Stage } from '../stage';

/** POST and PATCH bodies must be JSON: 415 for another type, 400 for JSON that does not parse. */
export const bodyStage: Stage = {
  name: 'body',
  run(ctx) {
    const { req } = ctx;
    if (req.method !== 'POST' && req.method !== 'PATCH') return undefined;
    const parsed = parseJsonBody(req, ctx.instance);
    if ('response' in parsed) return parsed.response;
    ctx.body = parsed.value;
    return undefined;
  },
};
