import type { ContractOutput } from '../../common/contract';
import type { PublicCallResults, verifyCertificate } from '../../common/contracts/awards';
import type {
  getPublicWorkStatus,
  PublicCall,
  PublicWorkUpload,
  submitPublicWork,
  withdrawPublicWork,
} from '../../common/contracts/calls-public';
import type {
  getPublicChallenge,
  getPublicSignupStatus,
  listPublicPlaces,
  PublicSignupPage,
  submitPublicSignup,
  withdrawPublicConsent,
} from '../../common/contracts/public';

/**
 * The public site's own small client: the paths of common/contracts/public.ts and calls-public.ts, with types only, so that
 * neither zod nor the cadres' client is in the young person's download. The server validates everything.
 */

export type SignupPageData = PublicSignupPage;
/** A unit's personal-information notice, as every public form shows it. */
export type Notice = PublicSignupPage['notice'];
export type Place = ContractOutput<typeof listPublicPlaces>['items'][number];
export type Challenge = ContractOutput<typeof getPublicChallenge>;
export type SignupReceipt = ContractOutput<typeof submitPublicSignup>;
export type SignupStatus = ContractOutput<typeof getPublicSignupStatus>;
export type Withdrawn = ContractOutput<typeof withdrawPublicConsent>;
export type FieldError = { path: string; message: string };
export type CallResults = PublicCallResults;
export type VerifiedCertificate = ContractOutput<typeof verifyCertificate>;
export type { PublicCall };
export type WorkUpload = PublicWorkUpload;
export type WorkReceipt = ContractOutput<typeof submitPublicWork>;
export type WorkStatus = ContractOutput<typeof getPublicWorkStatus>;
export type WorkWithdrawn = ContractOutput<typeof withdrawPublicWork>;

export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'PublicApiError';
  }
}

/** The server's refusal as the page shows it; `fallback` when the body is not the server's JSON. */
function readError(status: number, body: string): PublicApiError {
  let payload: { code?: string; message?: string; details?: FieldError[] } = {};
  try {
    payload = JSON.parse(body);
  } catch {
    // not JSON: a proxy's error page
  }
  const fallback =
    status === 429
      ? '操作太频繁，请稍后再试'
      : status === 413
        ? '文件太大，超过了允许的大小'
        : `服务暂时不可用（${status}），请稍后再试`;
  return new PublicApiError(
    status,
    payload.code ?? 'http',
    payload.message ?? fallback,
    payload.details ?? [],
  );
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
  } catch {
    throw new PublicApiError(0, 'network', '网络连接失败，请检查网络后重试');
  }
  if (res.ok) return (await res.json()) as T;
  throw readError(res.status, await res.text().catch(() => ''));
}

export const publicApi = {
  signupPage: (slug: string) =>
    request<SignupPageData>('GET', `/api/public/signup-pages/${encodeURIComponent(slug)}`),
  places: (parent?: number) =>
    request<{ items: Place[] }>('GET', parent ? `/api/public/places?parent=${parent}` : '/api/public/places'),
  challenge: () => request<Challenge>('GET', '/api/public/challenge'),
  submitSignup: (slug: string, body: object) =>
    request<SignupReceipt>('POST', `/api/public/signup-pages/${encodeURIComponent(slug)}/signups`, body),
  status: (receiptCode: string) =>
    request<SignupStatus>('POST', '/api/public/signups/status', { receiptCode }),
  update: (body: object) => request<SignupStatus>('POST', '/api/public/signups/update', body),
  withdraw: (body: object) => request<Withdrawn>('POST', '/api/public/consents/withdraw', body),
  call: (slug: string) => request<PublicCall>('GET', `/api/public/calls/${encodeURIComponent(slug)}`),
  submitWork: (slug: string, body: object) =>
    request<WorkReceipt>('POST', `/api/public/calls/${encodeURIComponent(slug)}/works`, body),
  workStatus: (receiptCode: string) =>
    request<WorkStatus>('POST', '/api/public/works/status', { receiptCode }),
  updateWork: (body: object) => request<WorkStatus>('POST', '/api/public/works/update', body),
  withdrawWork: (body: object) => request<WorkWithdrawn>('POST', '/api/public/works/withdraw', body),
  callResults: (slug: string) =>
    request<CallResults>('GET', `/api/public/calls/${encodeURIComponent(slug)}/results`),
  objection: (slug: string, body: object) =>
    request<{ ok: true }>('POST', `/api/public/calls/${encodeURIComponent(slug)}/objections`, body),
  verifyCertificate: (code: string) =>
    request<VerifiedCertificate>('GET', `/api/public/certificates/${encodeURIComponent(code)}`),
};

/**
 * One file of a work, sent with its category and a solved challenge. XMLHttpRequest rather than fetch:
 * only it reports how much of the request has gone out. `abort` stops it (the promise then rejects).
 */
export function uploadWorkFile(
  slug: string,
  categoryKey: string,
  file: File,
  onProgress: (fraction: number) => void,
): { done: Promise<WorkUpload>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const done = solvedChallenge().then(
    (guard) =>
      new Promise<WorkUpload>((resolve, reject) => {
        if (aborted) return reject(new PublicApiError(0, 'aborted', '已取消上传'));
        const form = new FormData();
        form.append('categoryKey', categoryKey);
        form.append('challenge', guard.challenge);
        form.append('nonce', guard.nonce);
        form.append('file', file, file.name);
        xhr.open('POST', `/api/public/calls/${encodeURIComponent(slug)}/uploads`);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable) onProgress(e.loaded / e.total);
        };
        xhr.onerror = () => reject(new PublicApiError(0, 'network', '网络连接中断，文件没有传完，请重试'));
        xhr.onabort = () => reject(new PublicApiError(0, 'aborted', '已取消上传'));
        xhr.onload = () => {
          if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as WorkUpload);
          else reject(readError(xhr.status, xhr.responseText));
        };
        xhr.send(form);
      }),
  );
  return {
    done,
    abort: () => {
      aborted = true;
      xhr.abort();
    },
  };
}

/**
 * A solved anti-abuse challenge for one write. The solver is loaded only when someone submits, so
 * reading the page costs nothing.
 */
export async function solvedChallenge(): Promise<{ challenge: string; nonce: string }> {
  const [{ challenge, difficulty }, { solveChallenge }] = await Promise.all([
    publicApi.challenge(),
    import('../../common/pow'),
  ]);
  return { challenge, nonce: await solveChallenge(challenge, difficulty) };
}
