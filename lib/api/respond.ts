import type { ApiResponse } from './types';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function noContent(headers: Record<string, string> = {}): ApiResponse {
  return { status: 204, headers, body: null };
}
