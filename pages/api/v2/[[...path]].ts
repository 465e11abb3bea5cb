// The Shop API's front door on the Next.js port. A Pages Router API route on purpose: see lib/lab-server/front-door-node.ts.
import { serveFrontDoor } from '@/lib/lab-server/front-door-node';

export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

export default serveFrontDoor;
