import type { ApiResponse } from './types';

const JSON_TYPE = 'application/json; charset=utf-8';

export function json(status: number, value: unknown, headers?: Record<string, string>): ApiResponse {
  return {
    status,
    // Most answers add no header of their own: a literal, not a spread of an empty object.
    headers: headers === undefined ? { 'content-type': JSON_TYPE } : { 'content-type': JSON_TYPE, ...headers },
    body: JSON.stringify(value),
  };
}

export function noContent(headers: Record<string, string> = {}): ApiResponse {
  return { status: 204, headers, body: null };
}
