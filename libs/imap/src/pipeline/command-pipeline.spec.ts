import { CommandPipeline, type PipelineLimits } from './command-pipeline';
import { compileCommand } from './compile-command';
import { FakeImapPeer, settle } from './testing/fake-imap-peer';

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

describe('CommandPipeline', () => {
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
    void pipeline.run(append('body', 'synchronizing'));
    void pipeline.run(compileCommand(['NOOP'], 'synchronizing'));
    await settle();
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4}\r\n');
    peer.send('+ OK');
    await settle();
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4}\r\nbody\r\nP2 NOOP\r\n');
  });

  it('never sends a literal the server refused before its +', async () => {
    const { peer, pipeline } = setup();
    const refused = pipeline.run(append('body', 'synchronizing'));
    void pipeline.run(compileCommand(['NOOP'], 'synchronizing'));
    await settle();
    peer.send('P1 NO [TOOBIG] too big');
    await expect(refused).resolves.toMatchObject({ status: 'NO', code: { name: 'TOOBIG' } });
    await settle();
    expect(peer.written).toBe('P1 APPEND "INBOX" () {4}\r\nP2 NOOP\r\n');
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
});
