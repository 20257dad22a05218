import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@gwaje/config';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic, so a message can be recognised if it is ever sent again. */
  messageId: string;
}

const SMTP_CONNECT_TIMEOUT_MS = 30_000;
const SMTP_SOCKET_TIMEOUT_MS = 60_000;

/** nodemailer over SMTP with pooled connections (SMTP_URL; the demo's mail catcher by default). */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private transport: Transporter | undefined;

  constructor(private readonly config: AppConfig) {}

  async send(email: OutgoingEmail): Promise<string> {
    this.transport ??= nodemailer.createTransport(
      {
        url: this.config.smtp.url,
        pool: true,
        maxConnections: this.config.smtp.connections,
        // Bounded, well inside the claim's lease (smtp.sendLeaseMs, 5 minutes): a send still
        // waiting when its lease ends could be sent a second time by another worker. nodemailer's
        // own defaults (2 minutes to connect, 10 minutes of socket silence) are not.
        connectionTimeout: SMTP_CONNECT_TIMEOUT_MS,
        greetingTimeout: SMTP_CONNECT_TIMEOUT_MS,
        socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
      } as never,
      { from: this.config.smtp.from },
    );
    const info = (await this.transport.sendMail({
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
    })) as { messageId?: string };
    return info.messageId ?? email.messageId;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
