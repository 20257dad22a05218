import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign as signBytes,
  verify as verifyBytes,
} from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, ConfigError } from '@gwaje/config';
import { sha256Hex } from './ledger-hash.js';

export interface PublicKeyInfo {
  /** sha256 of the public key's DER (SPKI), hex: names the key in every checkpoint. */
  keyId: string;
  algorithm: 'Ed25519';
  pem: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }));
}

function publicInfo(publicKey: KeyObject): PublicKeyInfo {
  return {
    keyId: keyIdOf(publicKey),
    algorithm: 'Ed25519',
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function ed25519(key: KeyObject, file: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ConfigError(`Configuration error: ${file} must hold an Ed25519 key`);
  return key;
}

/**
 * The checkpoint keys (ARCHITECTURE.md convention 8). The private key is read from a file that the
 * database never sees (the worker signs); the API verifies with the public key, from its own file or
 * derived from the private one where both processes share a host (demo, tests).
 */
@Injectable()
export class LedgerKeys {
  private readonly logger = new Logger(LedgerKeys.name);
  private readonly privateKey: KeyObject | null;
  private readonly publicKey: KeyObject | null;

  constructor(config: AppConfig) {
    const { signingKeyFile, publicKeyFile } = config.ledger;
    this.privateKey =
      signingKeyFile && existsSync(signingKeyFile)
        ? ed25519(createPrivateKey(readFileSync(signingKeyFile)), signingKeyFile)
        : null;
    if (publicKeyFile) {
      if (!existsSync(publicKeyFile))
        throw new ConfigError(
          `Configuration error: LEDGER_PUBLIC_KEY_FILE (ledger.publicKeyFile) ${publicKeyFile} not found`,
        );
      this.publicKey = ed25519(createPublicKey(readFileSync(publicKeyFile)), publicKeyFile);
    } else {
      this.publicKey = this.privateKey ? createPublicKey(this.privateKey) : null;
    }
    if (
      this.privateKey &&
      this.publicKey &&
      keyIdOf(createPublicKey(this.privateKey)) !== keyIdOf(this.publicKey)
    )
      this.logger.warn('ledger.publicKeyFile is not the public half of ledger.signingKeyFile');
  }

  canSign(): boolean {
    return this.privateKey !== null;
  }

  /** The worker refuses to start in production without a signing key (issue 15). */
  requireSigningKey(config: AppConfig): void {
    if (this.privateKey) return;
    const message = `Configuration error: LEDGER_SIGNING_KEY_FILE (ledger.signingKeyFile) must name a readable Ed25519 private key (PEM)${
      config.ledger.signingKeyFile ? `; ${config.ledger.signingKeyFile} does not exist` : ''
    }`;
    if (config.env === 'production') throw new ConfigError(message);
    this.logger.warn(`${message}: ledger checkpoints are not sealed`);
  }

  /** The id of the key that signs (the public half's). */
  signingKeyId(): string {
    if (!this.privateKey) throw new Error('no ledger signing key');
    return keyIdOf(createPublicKey(this.privateKey));
  }

  /** Ed25519 signature over the statement, base64. */
  sign(statement: string): string {
    if (!this.privateKey) throw new Error('no ledger signing key');
    return signBytes(null, Buffer.from(statement, 'utf8'), this.privateKey).toString('base64');
  }

  publicKeyInfo(): PublicKeyInfo | null {
    return this.publicKey ? publicInfo(this.publicKey) : null;
  }

  /** True when the signature is the trusted key's over the statement. */
  verify(statement: string, keyId: string, signature: string): boolean {
    if (!this.publicKey || keyId !== keyIdOf(this.publicKey)) return false;
    try {
      return verifyBytes(
        null,
        Buffer.from(statement, 'utf8'),
        this.publicKey,
        Buffer.from(signature, 'base64'),
      );
    } catch {
      return false;
    }
  }
}
