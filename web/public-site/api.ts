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
import type {
  PublicShowcaseWork,
  PublicShowcaseWorkDetail,
  PublicStoryDetail,
  PublicStoryItem,
  PublicUnitPage,
} from '../../common/contracts/showcase';

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
export type UnitPage = PublicUnitPage;
export type ShowcaseWork = PublicShowcaseWork;
export type ShowcaseWorkDetail = PublicShowcaseWorkDetail;
export type StoryItem = PublicStoryItem;
export type StoryDetail = PublicStoryDetail;
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

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
  unitPage: (code: string) => request<UnitPage>('GET', `/api/public/units/${encodeURIComponent(code)}`),
  unitWorks: (code: string, page: number) =>
    request<Paged<ShowcaseWork>>('GET', `/api/public/units/${encodeURIComponent(code)}/works?page=${page}`),
  unitStories: (code: string, page: number) =>
    request<Paged<StoryItem>>('GET', `/api/public/units/${encodeURIComponent(code)}/stories?page=${page}`),
  unitWork: (code: string, entryId: number) =>
    request<ShowcaseWorkDetail>('GET', `/api/public/units/${encodeURIComponent(code)}/works/${entryId}`),
  unitStory: (code: string, id: number) =>
    request<StoryDetail>('GET', `/api/public/units/${encodeURIComponent(code)}/stories/${id}`),
};

/** Where a resumable upload (tus 1.0) of a work's file is created: RESUMABLE_UPLOADS_PATH in calls-public.ts. */
const RESUMABLE_UPLOADS = '/api/public/works/uploads';
/** Each PATCH carries at most this much: a proxy's body limit is never met, a cut loses little. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Waits between automatic retries after a cut; when they run out the upload pauses until the phone is back online. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000];
const PAUSED_RETRY_MS = 15000;

/** How an upload is doing, for the progress line: sending, retrying after a cut, paused (offline), checking at the server. */
export type UploadProgress = {
  phase: 'uploading' | 'retrying' | 'paused' | 'finishing';
  /** Share of the file the server holds, 0–1. */
  fraction: number;
};

const retryable = (status: number) => status === 0 || status >= 500 || status === 409 || status === 423;

/**
 * One file of a work as a resumable upload (tus, its client loaded only when a file is chosen): created with
 * its category and a solved challenge, sent in chunks, resumed from the server's offset after a cut — at once
 * and then with growing waits, then paused until the browser is online again — and finished at the server,
 * which checks and stores it and answers its token. `abort` stops it and drops what the server holds.
 */
export function uploadWorkFile(
  slug: string,
  categoryKey: string,
  file: File,
  onProgress: (p: UploadProgress) => void,
): { done: Promise<WorkUpload>; abort: () => void } {
  let aborted = false;
  let stop = () => {};
  const cancelled = () => new PublicApiError(0, 'aborted', '已取消上传');
  const done = (async () => {
    const [guard, tus] = await Promise.all([solvedChallenge(), import('tus-js-client')]);
    if (aborted) throw cancelled();
    const url = await new Promise<string>((resolve, reject) => {
      let fraction = 0;
      let paused: ReturnType<typeof setTimeout> | undefined;
      const resume = () => {
        clearTimeout(paused);
        window.removeEventListener('online', resume);
        if (aborted) return;
        onProgress({ phase: 'uploading', fraction });
        upload.start();
      };
      const upload = new tus.Upload(file, {
        endpoint: RESUMABLE_UPLOADS,
        chunkSize: CHUNK_BYTES,
        retryDelays: RETRY_DELAYS,
        metadata: { slug, categoryKey, filename: file.name, ...guard },
        // The page keeps the upload while it is open; a reload starts the form, and its files, afresh.
        storeFingerprintForResuming: false,
        onProgress: (sent, total) => {
          fraction = total ? sent / total : 0;
          onProgress({ phase: 'uploading', fraction });
        },
        // Also while the browser says it is offline: a phone on a train is offline for a moment.
        onShouldRetry: (err) => {
          const status = (err as { originalResponse?: { getStatus(): number } | null }).originalResponse;
          const ok = retryable(status ? status.getStatus() : 0);
          if (ok && !aborted) onProgress({ phase: 'retrying', fraction });
          return ok;
        },
        onSuccess: () => resolve(upload.url ?? ''),
        onError: (err) => {
          if (aborted) return reject(cancelled());
          const res = (err as { originalResponse?: { getStatus(): number; getBody(): string } | null })
            .originalResponse;
          const status = res ? res.getStatus() : 0;
          if (retryable(status)) {
            onProgress({ phase: 'paused', fraction });
            window.addEventListener('online', resume);
            paused = setTimeout(resume, PAUSED_RETRY_MS);
            return;
          }
          reject(readError(status, res ? res.getBody() : ''));
        },
      });
      stop = () => {
        clearTimeout(paused);
        window.removeEventListener('online', resume);
        // Also removes what the server received so far (tus termination).
        void upload.abort(true).catch(() => undefined);
        reject(cancelled());
      };
      upload.start();
    });
    if (aborted) throw cancelled();
    onProgress({ phase: 'finishing', fraction: 1 });
    return finishUpload(url, () => aborted);
  })();
  return {
    done,
    abort: () => {
      aborted = true;
      stop();
    },
  };
}

/** The finished upload checked and stored, its token answered; asked again after a cut (the server answers the same). */
async function finishUpload(url: string, aborted: () => boolean): Promise<WorkUpload> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request<WorkUpload>('POST', `${url}/finish`);
    } catch (err) {
      const status = err instanceof PublicApiError ? err.status : 0;
      if (aborted() || !retryable(status) || attempt >= RETRY_DELAYS.length) throw err;
      await new Promise((r) => setTimeout(r, RETRY_DELAYS[attempt] || 500));
    }
  }
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
