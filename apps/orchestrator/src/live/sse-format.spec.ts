import { formatSseComment, formatSseEvent, parseLastEventId } from './sse-format';

describe('SSE format', () => {
  it('writes event, id and JSON data, ended by an empty line', () => {
    expect(formatSseEvent({ event: 'status', id: 7, data: { message: 'Job created' } })).toBe(
      'event: status\nid: 7\ndata: {"message":"Job created"}\n\n',
    );
  });

  it('omits the id when there is none', () => {
    expect(formatSseEvent({ event: 'progress', data: { copied: 1 } })).toBe(
      'event: progress\ndata: {"copied":1}\n\n',
    );
  });

  it('splits multi-line data into several data lines', () => {
    expect(formatSseEvent({ event: 'x', data: 'a\nb\r\nc' })).toBe(
      'event: x\ndata: a\ndata: b\ndata: c\n\n',
    );
  });

  it('keeps line breaks out of the event name and comments', () => {
    expect(formatSseEvent({ event: 'a\nb', data: '' })).toBe('event: a b\ndata: \n\n');
    expect(formatSseComment('heart\nbeat')).toBe(': heart beat\n\n');
  });

  it('reads Last-Event-ID, ignoring anything that is not a positive whole number', () => {
    expect(parseLastEventId('42')).toBe(42);
    expect(parseLastEventId(['5'])).toBe(5);
    expect(parseLastEventId(undefined)).toBe(0);
    expect(parseLastEventId('abc')).toBe(0);
    expect(parseLastEventId('-3')).toBe(0);
    expect(parseLastEventId('1.5')).toBe(0);
  });
});
