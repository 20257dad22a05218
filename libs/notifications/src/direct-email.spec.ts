import type { AppConfig } from '@gwaje/config';
import { type DirectEmailSource, DirectEmailDelivery, DirectEmailSources } from './direct-email.js';
import type { MailerService, OutgoingEmail } from './mailer.service.js';

describe('direct e-mails (to an address that is no user’s)', () => {
  const email = { to: 'citizen@example.com', subject: 's', text: 't', html: '<p>t</p>' };
  function setup(opts: { claim?: boolean; refuse?: boolean } = {}) {
    const settled: unknown[] = [];
    const sent: OutgoingEmail[] = [];
    const source: DirectEmailSource = {
      directEvents: ['thing.reply'],
      claimDirect: (_event, id) =>
        Promise.resolve(opts.claim === false ? null : { key: id, email }),
      settleDirect: (key, outcome) => {
        settled.push([key, outcome]);
        return Promise.resolve();
      },
    };
    const sources = new DirectEmailSources();
    sources.register(source);
    sources.register(source);
    const mailer = {
      send: (e: OutgoingEmail) => {
        sent.push(e);
        return opts.refuse
          ? Promise.reject(new Error('451 <citizen@example.com> try later'))
          : Promise.resolve(e.messageId);
      },
    } as unknown as MailerService;
    const delivery = new DirectEmailDelivery(sources, mailer, {
      publicUrl: 'https://gwaje.example.go.kr',
    } as AppConfig);
    return { delivery, settled, sent };
  }

  it('routes only its events', () => {
    const { delivery } = setup();
    expect(delivery.handles('thing.reply')).toBe(true);
    expect(delivery.handles('report.returned')).toBe(false);
  });

  it('sends what the source claimed with a deterministic Message-ID and settles it', async () => {
    const { delivery, settled, sent } = setup();
    expect(await delivery.send('thing.reply', 'r1')).toBe(1);
    expect(sent).toEqual([{ ...email, messageId: '<gwaje-direct-r1@gwaje.example.go.kr>' }]);
    expect(settled).toEqual([['r1', { messageId: '<gwaje-direct-r1@gwaje.example.go.kr>' }]]);
  });

  it('sends nothing when nothing is claimed (sent already, or given up)', async () => {
    const { delivery, settled, sent } = setup({ claim: false });
    expect(await delivery.send('thing.reply', 'r1')).toBe(0);
    expect([sent, settled]).toEqual([[], []]);
  });

  it('settles a refusal without the address and throws, so the job is retried', async () => {
    const { delivery, settled } = setup({ refuse: true });
    await expect(delivery.send('thing.reply', 'r1')).rejects.toThrow(
      'direct e-mail of thing.reply r1 refused',
    );
    expect(settled).toHaveLength(1);
    const [, outcome] = settled[0] as [string, { error: string }];
    expect(outcome.error).toContain('451');
    expect(outcome.error).not.toContain('citizen@example.com');
  });
});
