import { BatchCsvError, parseBatchCsv } from './batch-csv';

const HEADER =
  'source_host,source_port,source_security,source_username,source_password,' +
  'destination_host,destination_port,destination_security,destination_username,destination_password';

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

function errorsOf(text: string): string[] {
  try {
    parseBatchCsv(text);
  } catch (error) {
    if (error instanceof BatchCsvError) return error.details();
    throw error;
  }
  throw new Error('the CSV was accepted');
}

describe('parseBatchCsv', () => {
  it('reads each row with its line number, defaults filled in', () => {
    const rows = parseBatchCsv(
      csv(
        'old.example,993,tls,ann@old.example,pw 1,new.example,,starttls,ann@new.example,pw2',
        'old.example,,,bob@old.example,pw3,new.example,1143,none,bob@new.example,pw4',
      ),
    );
    expect(rows).toEqual([
      {
        line: 2,
        source: {
          host: 'old.example',
          port: 993,
          security: 'tls',
          verifyCertificate: true,
          username: 'ann@old.example',
          password: 'pw 1',
        },
        destination: {
          host: 'new.example',
          port: 143,
          security: 'starttls',
          verifyCertificate: true,
          username: 'ann@new.example',
          password: 'pw2',
        },
        options: {
          deleteSource: false,
          foldersOnly: false,
          progressUpdates: true,
          reconcileExisting: false,
        },
      },
      expect.objectContaining({
        line: 3,
        source: expect.objectContaining({ port: 993, security: 'tls' }),
        destination: expect.objectContaining({ port: 1143, security: 'none' }),
      }),
    ]);
  });

  it('takes per-row options and columns in any order and case', () => {
    const [row] = parseBatchCsv(
      [
        'Destination_Password,destination_username,destination_host,source_password,' +
          'source_username,source_host,delete_source,source_tls_insecure,replace_existing',
        'pw2,ann@new,new.example,pw1,ann@old,old.example,yes,TRUE,0',
      ].join('\r\n'),
    );
    expect(row.options).toMatchObject({ deleteSource: true, reconcileExisting: false });
    expect(row.source.verifyCertificate).toBe(false);
    expect(row.destination.verifyCertificate).toBe(true);
  });

  it('takes which folders per row and where they go, separated by ";", and names a bad one', () => {
    const header =
      'source_host,source_username,source_password,destination_host,destination_username,' +
      'destination_password,include_folders,exclude_folders,folder_map';
    const [row, plain] = parseBatchCsv(
      [
        header,
        'old.example,ann@old,pw1,new.example,ann@new,pw2, INBOX ; Projects/** ,\\Trash,' +
          'Projects/** => Work/$1 ; Old=>Archive',
        'old.example,bob@old,pw3,new.example,bob@new,pw4,,,',
      ].join('\r\n'),
    );
    expect(row.options.folders).toEqual({
      include: ['INBOX', 'Projects/**'],
      exclude: ['\\Trash'],
      map: [
        { from: 'Projects/**', to: 'Work/$1' },
        { from: 'Old', to: 'Archive' },
      ],
    });
    expect(plain.options.folders).toBeUndefined();

    const line = (cells: string) => `old.example,ann@old,pw1,new.example,ann@new,pw2,${cells}`;
    const errors = errorsOf(
      [header, line(',Trash;a//b,'), line(',,Old'), line(',,a => ..')].join('\r\n'),
    );
    expect(errors).toEqual([
      'line 2: exclude_folders: folder pattern "a//b": a level between two "/" is empty',
      'line 3: folder_map: folder rule: write "Old" as FROM => TO',
      'line 4: folder_map: folder rule "a => ..": its destination steps out of a folder ("." or "..")',
    ]);
  });

  it('takes which messages per row, sizes with their units, and names a bad filter', () => {
    const header =
      'source_host,source_username,source_password,destination_host,destination_username,' +
      'destination_password,received_since,received_before,max_message_size,skip_deleted';
    const line = (cells: string, user = 'ann') =>
      `old.example,${user}@old,pw1,new.example,${user}@new,pw2,${cells}`;
    const [row, plain] = parseBatchCsv(
      [header, line('2024-01-01,2025-01-01T00:00:00+01:00, 25MB ,yes'), line(',,,', 'bob')].join(
        '\r\n',
      ),
    );
    expect(row.options.messages).toEqual({
      since: '2024-01-01',
      before: '2025-01-01T00:00:00+01:00',
      maxBytes: 25 * 1024 * 1024,
      skipDeleted: true,
    });
    expect(plain.options.messages).toBeUndefined();

    const errors = errorsOf(
      [header, line('last year,,,'), line(',,huge,'), line('2024-02-01,2024-01-01,,')].join('\r\n'),
    );
    expect(errors).toEqual([
      'line 2: received_since: "last year" is not a date (2024-01-31, or 2024-01-31T00:00:00+01:00)',
      'line 3: max_message_size must be a size (25MB, 500KB)',
      'line 4: since (2024-02-01) must be earlier than before (2024-01-01), or no message is left',
    ]);
  });

  it('takes speed limits per row, rates with their units, and names a bad one', () => {
    const header =
      'source_host,source_username,source_password,destination_host,destination_username,' +
      'destination_password,max_rate,max_messages_per_second';
    const line = (cells: string, user = 'ann') =>
      `old.example,${user}@old,pw1,new.example,${user}@new,pw2,${cells}`;
    const [row, plain] = parseBatchCsv([header, line('5MB/s,20'), line(',', 'bob')].join('\r\n'));
    expect(row.options.limits).toEqual({ bytesPerSecond: 5 * 1024 * 1024, messagesPerSecond: 20 });
    expect(plain.options.limits).toBeUndefined();

    const errors = errorsOf([header, line('fast,'), line(',0')].join('\r\n'));
    expect(errors).toEqual([
      'line 2: max_rate must be a rate (5MB/s, 500KB/s)',
      'line 3: max_messages_per_second must be a whole number above 0',
    ]);
  });

  it('refuses the whole CSV, naming every bad line and never a password', () => {
    const errors = errorsOf(
      csv(
        'old.example,993,tls,ann@old.example,secret-1,new.example,993,tls,ann@new.example,secret-2',
        'old.example,99999,tls,bob@old.example,secret-3,new.example,993,tls,bob@new.example,secret-4',
        '',
        'old.example,993,ssl,cy@old.example,,new.example,993,tls,cy@new.example,secret-6',
        'old.example,993,tls,ann@old.example,secret-7,new.example,993,tls,ann@new.example,secret-8',
      ),
    );
    expect(errors).toEqual([
      'line 3: source_port must be a port number',
      'line 5: source_security must be one of tls, starttls, none',
      'line 5: source_password is required',
      'line 6: the same mailbox pair as line 2',
    ]);
    expect(errors.join('\n')).not.toMatch(/secret/);
  });

  it('refuses a header with a missing or unknown column', () => {
    expect(errorsOf('source_host,source_username,colour\nx,y,z')).toEqual([
      'line 1: missing column source_password',
      'line 1: missing column destination_host',
      'line 1: missing column destination_username',
      'line 1: missing column destination_password',
      'line 1: unknown column colour',
    ]);
  });

  it('refuses a row with a bad boolean and a CSV without rows', () => {
    expect(errorsOf(`${HEADER},folders_only\na,,,b,c,d,,,e,f,maybe`)).toEqual([
      'line 2: folders_only must be true or false',
    ]);
    expect(errorsOf(HEADER)).toEqual(['line 2: no rows']);
  });

  it('says where a CSV is malformed without quoting it', () => {
    const errors = errorsOf(csv('a,,,b,"unclosed secret,d,,,e,f'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^line 2: malformed CSV \(CSV_/);
    expect(errors[0]).not.toMatch(/secret/);
  });
});
