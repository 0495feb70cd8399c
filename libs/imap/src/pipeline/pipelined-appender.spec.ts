import { ImapError } from '../errors/imap-error';
import { CommandPipeline, type PipelineLimits } from './command-pipeline';
import { PipelinedAppender } from './pipelined-appender';
import { FakeImapPeer, hangUpEveryPeer, settle, unawaited } from './testing/fake-imap-peer';

const LIMITS: PipelineLimits = {
  maxInFlight: 32,
  maxBytesInFlight: 1 << 20,
  idleTimeoutMs: 60_000,
};
const LITERAL_PLUS = new Set(['IMAP4REV1', 'LITERAL+', 'UIDPLUS']);
const msg = (text: string) => Buffer.from(text);

/** An appender over a fake peer, with `folder` SELECTed (its SELECT is tag P1). */
async function selected(
  options: { limits?: Partial<PipelineLimits>; capabilities?: Set<string>; folder?: string } = {},
) {
  const peer = new FakeImapPeer();
  const pipeline = new CommandPipeline(peer.stream, { ...LIMITS, ...options.limits });
  const appender = new PipelinedAppender(
    pipeline,
    peer.stream,
    options.capabilities ?? LITERAL_PLUS,
  );
  const selecting = appender.selectFolder(options.folder ?? 'INBOX');
  await settle();
  peer.send(
    '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)',
    '* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.',
    '* OK [UIDVALIDITY 1700000000] UIDs valid',
    '* OK [UIDNEXT 1] Predicted next UID',
    'P1 OK [READ-WRITE] Select completed.',
  );
  await selecting;
  return { peer, appender };
}

/** The wire text of every APPEND after the SELECT. */
const appends = (peer: FakeImapPeer) => peer.written.slice(peer.written.indexOf('\r\n') + 2);

afterEach(hangUpEveryPeer);

describe('PipelinedAppender', () => {
  it('asks STATUS for the UIDs when SELECT tells no UIDNEXT (Courier)', async () => {
    const peer = new FakeImapPeer();
    const pipeline = new CommandPipeline(peer.stream, LIMITS);
    const appender = new PipelinedAppender(pipeline, peer.stream, LITERAL_PLUS);
    const selecting = appender.selectFolder('INBOX');
    await settle();
    peer.send('* 0 EXISTS', '* OK [UIDVALIDITY 796245383] Ok', 'P1 OK [READ-WRITE] Ok');
    await settle();
    peer.send('* STATUS "INBOX" (UIDVALIDITY 796245383 UIDNEXT 7)', 'P2 OK STATUS Completed.');
    await selecting;
    expect(peer.written).toContain('P2 STATUS "INBOX" (UIDVALIDITY UIDNEXT)\r\n');
    expect(appender.folderUids).toEqual({ uidValidity: '796245383', uidNext: 7 });
  });

  it('writes every APPEND before any reply, in call order', async () => {
    const { peer, appender } = await selected();
    unawaited(appender.append(msg('one'), []));
    unawaited(appender.append(msg('two'), []));
    unawaited(appender.append(msg('three'), []));
    await settle();
    expect(peer.tags).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(appends(peer)).toMatch(/^P2 APPEND .*one\r\nP3 APPEND .*two\r\nP4 APPEND .*three\r\n$/s);
  });

  it('sends folder, flags, date and a non-synchronizing literal', async () => {
    const { peer, appender } = await selected();
    unawaited(
      appender.append(msg('hello'), ['\\Seen', 'Work'], new Date(Date.UTC(2012, 0, 5, 3, 4, 5))),
    );
    await settle();
    expect(appends(peer)).toBe(
      'P2 APPEND "INBOX" (\\Seen Work) "05-Jan-2012 03:04:05 +0000" {5+}\r\nhello\r\n',
    );
  });

  it('encodes the folder in modified UTF-7, quoted', async () => {
    const { peer } = await selected({ folder: 'Reçus "2024"' });
    expect(peer.written).toBe('P1 SELECT "Re&AOc-us \\"2024\\""\r\n');
  });

  it('keeps \\Recent and unstorable flags out', async () => {
    const { peer, appender } = await selected();
    unawaited(appender.append(msg('x'), ['\\Recent', '\\Seen', 'two words', '\\Custom']));
    await settle();
    expect(appends(peer)).toContain('APPEND "INBOX" (\\Seen) {1+}');
  });

  it('matches out-of-order tagged replies to their messages', async () => {
    const { peer, appender } = await selected();
    const first = appender.append(msg('one'), []);
    const second = appender.append(msg('two'), []);
    await settle();
    peer.send('P3 OK [APPENDUID 7 102] done', 'P2 OK [APPENDUID 7 101] done');
    await expect(first).resolves.toEqual({ uid: 101 });
    await expect(second).resolves.toEqual({ uid: 102 });
  });

  it('resolves without a uid when the server has no APPENDUID', async () => {
    const { peer, appender } = await selected();
    const result = appender.append(msg('one'), []);
    await settle();
    peer.send('P2 OK Append completed.');
    await expect(result).resolves.toEqual({ uid: undefined });
  });

  it('rejects only the message the server refused', async () => {
    const { peer, appender } = await selected();
    const results = [appender.append(msg('a'), []), appender.append(msg('b'), [])];
    results.push(appender.append(msg('c'), []));
    await settle();
    peer.send(
      'P2 OK [APPENDUID 7 1] ok',
      'P3 NO [TOOBIG] Message too large',
      'P4 OK [APPENDUID 7 2] ok',
    );
    const settled = await Promise.allSettled(results);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const reason = (settled[1] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(ImapError);
    expect(reason).toMatchObject({ kind: 'too_big', permanent: true });
    expect(reason.message).toContain('Message too large');
  });

  it('turns OVERQUOTA into over_quota', async () => {
    const { peer, appender } = await selected();
    const result = appender.append(msg('a'), []);
    await settle();
    peer.send('P2 NO [OVERQUOTA] Quota exceeded');
    await expect(result).rejects.toMatchObject({ kind: 'over_quota', permanent: true });
  });

  it('rejects every outstanding message with connection_lost when the connection drops', async () => {
    const { peer, appender } = await selected({ limits: { maxInFlight: 2 } });
    const results = ['a', 'b', 'c'].map((text) => appender.append(msg(text), []));
    await settle();
    peer.send('* BYE Server shutting down');
    peer.hangUp();
    for (const result of results) {
      await expect(result).rejects.toMatchObject({ kind: 'connection_lost', permanent: false });
    }
    await expect(results[0]).rejects.toThrow('Server shutting down');
    await expect(appender.append(msg('d'), [])).rejects.toMatchObject({ kind: 'connection_lost' });
  });

  it('holds commands back beyond maxInFlight until a reply frees a slot', async () => {
    const { peer, appender } = await selected({ limits: { maxInFlight: 2 } });
    ['a', 'b', 'c'].forEach((text) => unawaited(appender.append(msg(text), [])));
    await settle();
    expect(peer.tags).toEqual(['P1', 'P2', 'P3']);
    let writable = false;
    unawaited(appender.whenWritable().then(() => (writable = true)));
    peer.send('P2 OK done');
    await settle();
    expect(peer.tags).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(writable).toBe(false);
    peer.send('P3 OK done');
    await settle();
    expect(writable).toBe(true);
  });

  it('holds commands back beyond maxBytesInFlight, but always sends one', async () => {
    const { peer, appender } = await selected({ limits: { maxBytesInFlight: 100 } });
    unawaited(appender.append(Buffer.alloc(150, 'a'), []));
    unawaited(appender.append(Buffer.alloc(10, 'b'), []));
    await settle();
    expect(peer.tags).toEqual(['P1', 'P2']);
    peer.send('P2 OK done');
    await settle();
    expect(peer.tags).toEqual(['P1', 'P2', 'P3']);
  });

  it('drain waits for every reply', async () => {
    const { peer, appender } = await selected();
    unawaited(appender.append(msg('a'), []));
    unawaited(appender.append(msg('b'), []));
    let drained = false;
    const draining = appender.drain().then(() => (drained = true));
    await settle();
    peer.send('P2 OK done');
    await settle();
    expect(drained).toBe(false);
    peer.send('P3 OK done');
    await draining;
    expect(drained).toBe(true);
  });

  it('close drains, then logs out', async () => {
    const { peer, appender } = await selected();
    unawaited(appender.append(msg('a'), []));
    const closing = appender.close();
    await settle();
    expect(peer.written).not.toContain('LOGOUT');
    peer.send('P2 OK done');
    await settle();
    expect(peer.written).toMatch(/P3 LOGOUT\r\n$/);
    peer.send('* BYE Logging out', 'P3 OK Logout completed.');
    await closing;
    expect(peer.stream.destroyed).toBe(true);
  });
});
