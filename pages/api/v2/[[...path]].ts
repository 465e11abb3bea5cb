// The Shop API's front door on the Next.js port. A Pages Router API route on purpose: see lib/lab-server/front-door-node.ts.
import { frontDoorWith } from '@/lib/lab-server/front-door-node';
import { adoptForRequest } from '@/lib/main-thread/store';

export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

// Cluster mode: the caller's sandbox is taken over first if this node does not hold it yet.
export default frontDoorWith(adoptForRequest);
