import { createTransport, type Transporter } from 'nodemailer';
import { DeliveryError } from './delivery-error';
import { MailText } from './mail-text';

/** SMTP replies 5xx are the server's final no (RFC 5321 §4.2.1); 4xx ask to try again later. */
const PERMANENT_SMTP_REPLY = 500;

interface SmtpFailure {
  code?: string;
  responseCode?: number;
}

/**
 * Sends notification mails through the SMTP server of SMTP_URL. Errors are told by their
 * code and reply code only: nodemailer's messages may quote the server's reply to the login.
 */
export class MailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs: number,
  ) {
    this.transport = createTransport({
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(to: string, { subject, text }: MailText): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.from, to, subject, text });
    } catch (error) {
      const { code, responseCode } = error as SmtpFailure;
      const permanent = (responseCode ?? 0) >= PERMANENT_SMTP_REPLY;
      const reply = responseCode ? ` (reply ${responseCode})` : '';
      throw new DeliveryError(
        `The SMTP server refused the mail: ${code ?? 'error'}${reply}`,
        permanent,
      );
    }
  }

  close(): void {
    this.transport.close();
  }
}
