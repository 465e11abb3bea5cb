import type { Stage } from '../stage';
import { negotiateVersion } from '../versions';

/** Which contract answers: the mount (/api/v1, /api/v2), or the API-Version header on /api/shop. */
export const versionStage: Stage = {
  name: 'version',
  run(ctx) {
    const negotiated = negotiateVersion(ctx.base, ctx.req.headers['api-version'], ctx.instance);
    if (!negotiated.ok) return negotiated.response;
    ctx.version = negotiated.version;
    return undefined;
  },
};
