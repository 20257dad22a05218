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

/** nodemailer over SMTP with pooled connections (SMTP_URL; the demo's mail catcher by default). */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private transport: Transporter | undefined;

  constructor(private readonly config: AppConfig) {}

  async send(email: OutgoingEmail): Promise<string> {
    this.transport ??= nodemailer.createTransport(
      { url: this.config.smtp.url, pool: true, maxConnections: 5 } as never,
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
