import { isForeign, pathInNamespace, segmentsInNamespace } from './namespace';

const COURIER = { prefix: 'INBOX.', delimiter: '.' };
const DOVECOT = { prefix: '', delimiter: '/' };

describe('personal namespace', () => {
  it.each([
    ['INBOX.Projects.2024', COURIER, ['Projects', '2024']],
    ['INBOX', COURIER, ['INBOX']],
    ['inbox', DOVECOT, ['INBOX']],
    ['INBOX/Sub', DOVECOT, ['INBOX', 'Sub']],
    ['Projects/2024', DOVECOT, ['Projects', '2024']],
    ['Outside.prefix', COURIER, ['Outside', 'prefix']],
  ])('%s is %j inside the namespace', (path, namespace, segments) => {
    expect(segmentsInNamespace(path, namespace)).toEqual(segments);
  });

  it.each([
    [['Projects', '2024'], COURIER, 'INBOX.Projects.2024'],
    [['INBOX'], COURIER, 'INBOX'],
    [['INBOX', 'Sub'], COURIER, 'INBOX.Sub'],
    [['Projects', '2024'], DOVECOT, 'Projects/2024'],
  ])('%j is %s on the server', (segments, namespace, path) => {
    expect(pathInNamespace(segments, namespace)).toBe(path);
  });

  it('tells other users’ and shared folders by their namespace prefix', () => {
    const namespaces = { personal: DOVECOT, foreign: ['Other Users/', 'Shared Folders/', ''] };
    expect(isForeign('Other Users/bob/Inbox', namespaces)).toBe(true);
    expect(isForeign('Shared Folders/news', namespaces)).toBe(true);
    expect(isForeign('Projects', namespaces)).toBe(false);
  });
});
