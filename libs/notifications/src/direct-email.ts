import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@gwaje/config';
import { scrubPersonalData } from '@gwaje/common';
import { MailerService } from './mailer.service.js';

/**
 * E-mails to an address that is no user's (e.g. the reply to a citizen's 적극행정 국민신청): the
 * notifications send only to users (notifications.recipient_id), so a capability that must write
 * to someone outside Gwaje registers a direct e-mail source. The address stays in the
 * capability's own table: the outbox event carries the record id only (SECURITY.md), and the
 * source claims the e-mail in its own table before it is sent, so a retried or relayed-again job
 * never sends it twice (ARCHITECTURE.md convention 10).
 */
export interface DirectEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface DirectEmailSource {
  /** The outbox events whose e-mail this source writes. */
  readonly directEvents: readonly string[];
  /**
   * Claims the record's e-mail (once; a claim whose send failed, or whose lease ran out, may be
   * claimed again a bounded number of times) and composes it; null when there is nothing to send.
   */
  claimDirect(event: string, recordId: string): Promise<{ key: string; email: DirectEmail } | null>;
  /** What the SMTP server said of the claimed e-mail (an error message never holds the address). */
  settleDirect(key: string, outcome: { messageId: string } | { error: string }): Promise<void>;
}

/** Every direct e-mail source, registered by the capabilities' modules at start-up. */
@Injectable()
export class DirectEmailSources {
  private readonly sources: DirectEmailSource[] = [];

  register(source: DirectEmailSource): void {
    if (!this.sources.includes(source)) this.sources.push(source);
  }

  forEvent(event: string): DirectEmailSource | undefined {
    return this.sources.find((s) => s.directEvents.includes(event));
  }
}

/** Sends one direct e-mail of an outbox event: claimed by its source, sent, and settled. */
@Injectable()
export class DirectEmailDelivery {
  private readonly logger = new Logger(DirectEmailDelivery.name);

  constructor(
    private readonly sources: DirectEmailSources,
    private readonly mailer: MailerService,
    private readonly config: AppConfig,
  ) {}

  /** Whether a direct source writes this event's e-mail. */
  handles(event: string): boolean {
    return this.sources.forEvent(event) !== undefined;
  }

  /**
   * Sends the event's e-mail; 1 when sent, 0 when nothing was to be sent. A refusal is settled
   * on the claim and thrown, so the job is retried (bounded by the source's claim).
   */
  async send(event: string, recordId: string): Promise<number> {
    const source = this.sources.forEvent(event);
    if (!source) return 0;
    const claimed = await source.claimDirect(event, recordId);
    if (!claimed) return 0;
    const host = new URL(this.config.publicUrl).hostname;
    try {
      const messageId = await this.mailer.send({
        ...claimed.email,
        messageId: `<gwaje-direct-${claimed.key}@${host}>`,
      });
      await source.settleDirect(claimed.key, { messageId });
      return 1;
    } catch (error) {
      const message = scrubPersonalData(error instanceof Error ? error.message : String(error));
      await source.settleDirect(claimed.key, { error: message.slice(0, 500) });
      this.logger.warn({ event, recordId, error: message }, 'direct e-mail refused; retried');
      throw new Error(`direct e-mail of ${event} ${recordId} refused`, { cause: error });
    }
  }
}
