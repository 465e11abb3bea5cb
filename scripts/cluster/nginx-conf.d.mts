// Types for nginx-conf.mjs, which the launcher runs as plain JavaScript and the tests import.
export declare const TEMPLATE: string;
export declare function localPaths(prefix: string): Record<string, string>;
export declare function renderNginxConf(template: string, opts: { values: Record<string, string>; nodes: string[] }): string;
export declare function writeLocalNginxConf(prefix: string, opts: { listen: string; nodes: string[]; template?: string }): string;
export declare function findNginx(env?: Record<string, string | undefined>): string | null;
export declare function nginxArgs(prefix: string, conf: string): string[];
