import type { ContractOutput } from '../../common/contract';
import type {
  getPublicChallenge,
  getPublicSignupStatus,
  listPublicPlaces,
  PublicSignupPage,
  submitPublicSignup,
  withdrawPublicConsent,
} from '../../common/contracts/public';

/**
 * The public site's own small client: the paths of common/contracts/public.ts, with types only, so that
 * neither zod nor the cadres' client is in the young person's download. The server validates everything.
 */

export type SignupPageData = PublicSignupPage;
export type Place = ContractOutput<typeof listPublicPlaces>['items'][number];
export type Challenge = ContractOutput<typeof getPublicChallenge>;
export type SignupReceipt = ContractOutput<typeof submitPublicSignup>;
export type SignupStatus = ContractOutput<typeof getPublicSignupStatus>;
export type Withdrawn = ContractOutput<typeof withdrawPublicConsent>;
export type FieldError = { path: string; message: string };

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
  let payload: { code?: string; message?: string; details?: FieldError[] } = {};
  try {
    payload = await res.json();
  } catch {
    // not JSON: a proxy's error page
  }
  const fallback =
    res.status === 429 ? '操作太频繁，请稍后再试' : `服务暂时不可用（${res.status}），请稍后再试`;
  throw new PublicApiError(
    res.status,
    payload.code ?? 'http',
    payload.message ?? fallback,
    payload.details ?? [],
  );
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
};

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
