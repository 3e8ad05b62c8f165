import type { Contract, ContractInput, ContractOutput, ErrorBody } from '../../../common/contract';

/** An error the server explained: `message` is Chinese and meant for the user. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details: ErrorBody['details'] = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Args<C extends Contract> =
  object extends ContractInput<C> ? [input?: ContractInput<C>] : [input: ContractInput<C>];

type RawInput = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

let csrfToken: string | null = null;
let unauthorizedHandler: ((message: string) => void) | null = null;
let lastRequestAt = Date.now();

/** The current session's CSRF token, kept in memory only (never in storage). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called on 401 from any non-public endpoint: the session has ended. */
export function onUnauthorized(handler: ((message: string) => void) | null) {
  unauthorizedHandler = handler;
}

/** The last time the server saw this session: its idle timeout counts from here. */
export function lastServerContact() {
  return lastRequestAt;
}

function buildUrl(contract: Contract, input: RawInput = {}): string {
  const path = contract.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined || value === null) throw new Error(`缺少路径参数 ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(contract: Contract, input: RawInput = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const write = contract.method !== 'GET';
  if (write && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: string | undefined;
  if (input.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(input.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(contract, input), {
      method: contract.method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  lastRequestAt = Date.now();
  if (res.ok) return res;
  const error = await readError(res);
  if (res.status === 401 && contract.access !== 'public') unauthorizedHandler?.(error.message);
  throw error;
}

async function readError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ErrorBody>;
    if (typeof body.message === 'string') {
      return new ApiError(res.status, body.code ?? 'error', body.message, body.details);
    }
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic message.
  }
  const message = res.status >= 500 ? '服务器出现错误，请稍后重试' : `请求失败（${res.status}）`;
  return new ApiError(res.status, 'http_error', message);
}

export async function call<C extends Contract>(contract: C, ...args: Args<C>): Promise<ContractOutput<C>> {
  const res = await send(contract, args[0] as RawInput | undefined);
  if (res.status === 204) return undefined as ContractOutput<C>;
  return (await res.json()) as ContractOutput<C>;
}

function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** A binary export: fetched with the session, then saved under the server's file name. */
export async function download<C extends Contract>(contract: C, ...args: Args<C>): Promise<string> {
  const res = await send(contract, args[0] as RawInput | undefined);
  const blob = await res.blob();
  const name = filenameFrom(res.headers.get('Content-Disposition'), '导出.xlsx');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}

/** The record changed since it was read (optimistic version check): reload before editing again. */
export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'version_conflict';
}

/**
 * Sends one file with an upload contract's text fields (multipart/form-data). Progress comes from
 * XMLHttpRequest, which, unlike fetch, reports how much of the request has gone out.
 */
export function upload<C extends Contract>(
  contract: C,
  input: ContractInput<C>,
  file: File,
  onProgress?: (fraction: number) => void,
): Promise<ContractOutput<C>> {
  const raw = input as RawInput;
  const form = new FormData();
  for (const [key, value] of Object.entries((raw.body ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) form.append(key, String(value));
  }
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(contract.method, buildUrl(contract, raw));
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'));
    xhr.onload = () => {
      lastRequestAt = Date.now();
      const response = new Response(xhr.responseText, { status: xhr.status });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(response.json() as Promise<ContractOutput<C>>);
        return;
      }
      void readError(response).then((error) => {
        if (xhr.status === 401) unauthorizedHandler?.(error.message);
        reject(error);
      });
    };
    xhr.send(form);
  });
}
