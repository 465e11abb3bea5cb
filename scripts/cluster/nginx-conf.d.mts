// Types for nginx-conf.mjs, which the launcher runs as plain JavaScript and the tests import.
export declare const TEMPLATE: string;
export type LocalPaths = Record<
  | 'pid'
  | 'error_log'
  | 'access_log'
  | 'client_body_temp_path'
  | 'proxy_temp_path'
  | 'fastcgi_temp_path'
  | 'uwsgi_temp_path'
  | 'scgi_temp_path',
  string
>;
export declare function localPaths(prefix: string): LocalPaths;
export declare function renderNginxConf(
  template: string,
  opts: { values: Record<string, string>; nodes: string[] },
): string;
export declare function writeLocalNginxConf(
  prefix: string,
  opts: { listen: string; nodes: string[]; template?: string },
): string;
export declare function findNginx(env?: Record<string, string | undefined>): string | null;
export declare function nginxArgs(prefix: string, conf: string): string[];
