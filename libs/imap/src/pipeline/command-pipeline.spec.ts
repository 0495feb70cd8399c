import { CommandPipeline, type PipelineLimits } from './command-pipeline';
import { compileCommand, type StreamedLiteral } from './compile-command';
import { FakeImapPeer, hangUpEveryPeer, settle, unawaited } from './testing/fake-imap-peer';

const LIMITS: PipelineLimits = {
  maxInFlight: 32,
  maxBytesInFlight: 1 << 20,
  idleTimeoutMs: 60_000,
};

function setup(limits: Partial<PipelineLimits> = {}) {
  const peer = new FakeImapPeer();
  return { peer, pipeline: new CommandPipeline(peer.stream, { ...LIMITS, ...limits }) };
}

const append = (body: string, mode: 'literal-plus' | 'synchronizing') =>
  compileCommand(['APPEND "INBOX" () ', { literal: Buffer.from(body) }], mode);

/** A literal read in pieces, as from a spool file; `length` may claim more than it holds. */
function streamed(pieces: string[], length = pieces.join('').length): StreamedLiteral {
  return {
    length,
    async *pieces() {
      for (const piece of pieces) {
        await settle();
        yield Buffer.from(piece);
      }
    },
  };
}

const appendStreamed = (literal: StreamedLiteral, mode: 'literal-plus' | 'synchronizing') =>
  compileCommand(['APPEND "INBOX" () ', { literal }], mode);

afterEach(hangUpEveryPeer);

describe('CommandPipeline', () => {
  it('writes a FETCH only once the FETCH before it ended: untagged rows name no command', async () => {
    const { peer, pipeline } = setup();
    const rows: string[][] = [[], []];
    const fetch = (n: number) =>
      pipeline.run(compileCommand([`UID FETCH ${n} (UID)`], 'synchronizing'), {
        onUntagged: (text) => rows[n - 1].push(text),
      });
    const first = fetch(1);
    unawaited(pipeline.run(compileCommand(['EXAMINE "Other"'], 'synchronizing')));
    const second = fetch(2);
    await settle();
    expect(peer.written).toBe('P1 UID FETCH 1 (UID)\r\nP2 EXAMINE "Other"\r\n');
    peer.send('* 1 FETCH (UID 1)', 'P1 OK done');
    await first;
    await settle();
    expect(peer.written).toContain('P3 UID FETCH 2 (UID)\r\n');
    peer.send('P2 OK examined', '* 1 FETCH (UID 2)', 'P3 OK done');
    await second;
    expect(rows).toEqual([['1 FETCH (UID 1)'], ['1 FETCH (UID 2)']]);
  });

  it('ignores a + the server sends for a LITERAL+ literal anyway', async () => {
    const { peer, pipeline } = setup();
    const reply = pipeline.run(append('body', 'literal-plus'));
    await settle();
    peer.send('+ Ready for literal data', 'P1 OK done');
    await expect(reply).resolves.toMatchObject({ status: 'OK' });
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4+}\r\nbody\r\n');
  });

  it('sends a synchronizing literal only after +, and nothing else meanwhile', async () => {
    const { peer, pipeline } = setup();
    unawaited(pipeline.run(append('body', 'synchronizing')));
    unawaited(pipeline.run(compileCommand(['NOOP'], 'synchronizing')));
    await settle();
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4}\r\n');
    peer.send('+ OK');
    await settle();
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4}\r\nbody\r\nP2 NOOP\r\n');
  });

  it('never sends a literal the server refused before its +', async () => {
    const { peer, pipeline } = setup();
    const refused = pipeline.run(append('body', 'synchronizing'));
    unawaited(pipeline.run(compileCommand(['NOOP'], 'synchronizing')));
    await settle();
    peer.send('P1 NO [TOOBIG] too big');
    await expect(refused).resolves.toMatchObject({ status: 'NO', code: { name: 'TOOBIG' } });
    await settle();
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4}\r\nP2 NOOP\r\n');
  });

  it('sends each synchronizing literal on its + with the next command line behind it', async () => {
    const { peer, pipeline } = setup();
    const line = (n: number, size: number) => `P${n} APPEND "INBOX" () {${size}}\r\n`;
    const replies = ['one', 'two', 'three'].map((body) =>
      pipeline.run(append(body, 'synchronizing')),
    );
    await settle();
    peer.send('+ Ready');
    await settle();
    expect(peer.written).toBe(`${line(1, 3)}one\r\n${line(2, 3)}`);
    // P1 still awaits its reply; P2's + comes with it, as a server reading in order sends them.
    peer.send('P1 OK [APPENDUID 7 1] done', '+ Ready');
    await settle();
    expect(peer.written).toBe(`${line(1, 3)}one\r\n${line(2, 3)}two\r\n${line(3, 5)}`);
    peer.send('+ Ready', 'P2 OK [APPENDUID 7 2] done', 'P3 OK [APPENDUID 7 3] done');
    const codes = (await Promise.all(replies)).map((reply) => reply.code?.args);
    expect(codes).toEqual(['7 1', '7 2', '7 3']);
    expect(peer.written.endsWith(`${line(3, 5)}three\r\n`)).toBe(true);
  });

  it('goes on with the next synchronizing APPEND when one is refused before its +', async () => {
    const { peer, pipeline } = setup();
    const replies = ['one', 'big!', 'three'].map((body) =>
      pipeline.run(append(body, 'synchronizing')),
    );
    await settle();
    peer.send('+ Ready');
    await settle();
    // Courier over quota: a tagged NO for P2 where its + would be; its literal is never sent.
    peer.send('P1 OK done', 'P2 NO Quota exceeded');
    await settle();
    peer.send('+ Ready');
    await settle();
    peer.send('P3 OK done');
    const statuses = (await Promise.all(replies)).map((reply) => reply.status);
    expect(statuses).toEqual(['OK', 'NO', 'OK']);
    expect(peer.written).toBe(
      'P1 APPEND "INBOX" () {3}\r\none\r\nP2 APPEND "INBOX" () {4}\r\n' +
        'P3 APPEND "INBOX" () {5}\r\nthree\r\n',
    );
  });

  it('reads past a literal in an untagged response that looks like a reply', async () => {
    const { peer, pipeline } = setup();
    const reply = pipeline.run(compileCommand(['NOOP'], 'synchronizing'), {
      collectUntagged: true,
    });
    await settle();
    peer.sendRaw('* 1 FETCH (BODY[] {12}\r\nP1 OK fake\r\n)\r\nP1 OK real\r\n');
    await expect(reply).resolves.toMatchObject({
      text: 'real',
      untagged: ['1 FETCH (BODY[] {12})'],
    });
  });

  it("keeps a pipelined EXAMINE's own untagged responses, not those of the one before it", async () => {
    const { peer, pipeline } = setup();
    const examine = (folder: string) =>
      pipeline.run(compileCommand([`EXAMINE ${folder}`], 'synchronizing'), {
        collectUntagged: true,
      });
    const [first, second] = [examine('INBOX'), examine('Work')];
    await settle();
    peer.sendRaw('* OK [UIDVALIDITY 1] UIDs valid\r\nP1 OK [READ-ONLY] done\r\n');
    peer.sendRaw('* OK [UIDVALIDITY 2] UIDs valid\r\nP2 OK [READ-ONLY] done\r\n');
    await expect(first).resolves.toMatchObject({ untagged: ['OK [UIDVALIDITY 1] UIDs valid'] });
    await expect(second).resolves.toMatchObject({ untagged: ['OK [UIDVALIDITY 2] UIDs valid'] });
  });

  it('reads responses split at any byte', async () => {
    const { peer, pipeline } = setup();
    const reply = pipeline.run(compileCommand(['NOOP'], 'synchronizing'));
    await settle();
    for (const byte of 'P1 OK [APPENDUID 1 2] done\r\n') peer.sendRaw(byte);
    await expect(reply).resolves.toMatchObject({ code: { name: 'APPENDUID', args: '1 2' } });
  });

  it('answers an AUTHENTICATE challenge through onContinuation', async () => {
    const { peer, pipeline } = setup();
    const reply = pipeline.run(compileCommand(['AUTHENTICATE XOAUTH2'], 'synchronizing'), {
      onContinuation: () => Buffer.from('dG9rZW4=\r\n'),
    });
    await settle();
    peer.send('+ ');
    await settle();
    expect(peer.written).toBe('P1 AUTHENTICATE XOAUTH2\r\ndG9rZW4=\r\n');
    peer.send('P1 OK Logged in');
    await expect(reply).resolves.toMatchObject({ status: 'OK' });
  });

  it('fails with timeout when the server goes silent with commands outstanding', async () => {
    const { pipeline } = setup({ idleTimeoutMs: 20 });
    const reply = pipeline.run(compileCommand(['NOOP'], 'synchronizing'));
    await expect(reply).rejects.toMatchObject({ kind: 'timeout', permanent: false });
  });

  it('fails with protocol on a line it cannot parse', async () => {
    const { peer, pipeline } = setup();
    const reply = pipeline.run(compileCommand(['NOOP'], 'synchronizing'));
    await settle();
    peer.send('garbage');
    await expect(reply).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('streams a literal piece by piece and writes no other command in between', async () => {
    const { peer, pipeline } = setup();
    const reply = pipeline.run(appendStreamed(streamed(['one ', 'two ', 'three']), 'literal-plus'));
    unawaited(pipeline.run(compileCommand(['NOOP'], 'synchronizing')));
    peer.send('+ stray continuation');
    for (let i = 0; i < 10; i++) await settle();
    expect(peer.written).toBe('P1 APPEND "INBOX" () {13+}\r\none two three\r\nP2 NOOP\r\n');
    peer.send('P1 OK done');
    await expect(reply).resolves.toMatchObject({ status: 'OK' });
  });

  it('streams a synchronizing literal after the +', async () => {
    const { peer, pipeline } = setup();
    unawaited(pipeline.run(appendStreamed(streamed(['ab', 'cd']), 'synchronizing')));
    await settle();
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4}\r\n');
    peer.send('+ OK');
    for (let i = 0; i < 6; i++) await settle();
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4}\r\nabcd\r\n');
  });

  it('fails the connection when a streamed literal ends short of its announced size', async () => {
    const { peer, pipeline } = setup();
    const reply = pipeline.run(appendStreamed(streamed(['abc'], 10), 'literal-plus'));
    await expect(reply).rejects.toMatchObject({ kind: 'protocol' });
    expect(peer.written).toBe('P1 APPEND "INBOX" () {10+}\r\nabc');
    expect(peer.stream.destroyed).toBe(true);
  });

  it('does not take a slow upload of a streamed literal for a silent server', async () => {
    const { peer, pipeline } = setup({ idleTimeoutMs: 100 });
    const slow: StreamedLiteral = {
      length: 4,
      async *pieces() {
        for (const piece of ['a', 'b', 'c', 'd']) {
          await new Promise((resolve) => setTimeout(resolve, 60));
          yield Buffer.from(piece);
        }
      },
    };
    const reply = pipeline.run(appendStreamed(slow, 'literal-plus'));
    while (!peer.written.endsWith('abcd\r\n') && !peer.stream.destroyed) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    peer.send('P1 OK done');
    await expect(reply).resolves.toMatchObject({ status: 'OK' });
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4+}\r\nabcd\r\n');
  });
});
