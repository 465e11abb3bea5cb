/** The endpoints whose query plans the lab can show (also the load generator's workload names). */
export const EXPLAIN_ENDPOINTS = {
  'product-by-id': 'GET /api/v1/products/{id}',
  'user-by-id': 'GET /api/v1/users/{id}',
  'user-by-email': 'GET /api/v1/users?email=',
  'user-orders': 'GET /api/v1/users/{id}/orders',
  'orders-by-date': 'GET /api/v1/orders?since=&until=',
  'products-page': 'GET /api/v1/products?page=',
  'create-order': 'POST /api/v1/orders',
} as const;

export type ExplainEndpoint = keyof typeof EXPLAIN_ENDPOINTS;
