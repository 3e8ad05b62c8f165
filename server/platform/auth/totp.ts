import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';

const ISSUER = '筑梦';
const PERIOD_SECONDS = 30;

/** A Base32 secret of 20 random bytes, the form authenticator apps expect. */
export function generateTotpSecret(): string {
  return generateSecret();
}

/** The code an authenticator shows right now (tests sign in with it). */
export function totpCodeFor(secret: string, at: Date = new Date()): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * Checks a code against the current step and one step either side (clock drift). Returns the
 * matched time step, so a caller can refuse the same code twice (`afterTimeStep`), or null.
 */
export function verifyTotpCode(secret: string, code: string, afterTimeStep?: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = verifySync({ secret, token: code, epochTolerance: PERIOD_SECONDS, afterTimeStep });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

export function otpauthUrl(username: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: username, secret });
}

export function totpQrDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
}
