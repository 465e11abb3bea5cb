// Types for lingering-close.cjs (CommonJS so the `next start` preload can require it too).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type LingerLimits = { ms?: number; bytes?: number };
export const LINGER_MS: number;
export const LINGER_BYTES: number;
export function lingerAfterAnswer(req: IncomingMessage, res: ServerResponse, limits?: LingerLimits): void;
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse, limits?: LingerLimits): void;
export function lingeringClose(socket: Socket, limits?: LingerLimits): void;
