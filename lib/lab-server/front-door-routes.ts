// The front door's Fetch handler under the method names a route module exports, so tests call
// it the way they call the control API's route handlers. The served routes are pages/api/{v1,v2,shop}.
import { forwardToLab } from './front-door';

export {
  forwardToLab as GET,
  forwardToLab as HEAD,
  forwardToLab as POST,
  forwardToLab as PUT,
  forwardToLab as PATCH,
  forwardToLab as DELETE,
  forwardToLab as OPTIONS,
};
