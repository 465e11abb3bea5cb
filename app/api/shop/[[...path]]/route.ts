// /api/shop: the unversioned mount, where the API-Version request header picks the contract.
import { getLabHost } from '@/lib/lab-server/host';
import { proxyToLab } from '@/lib/lab-server/front-door';

export const dynamic = 'force-dynamic';

const forward = (request: Request) => proxyToLab(request, getLabHost());

export { forward as GET, forward as HEAD, forward as POST, forward as PUT, forward as PATCH, forward as DELETE, forward as OPTIONS };
