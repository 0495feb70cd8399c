import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { CopyTask } from './messages/copy-task';
import { JobOptions } from './job-options';

/** Read as the HTTP validation pipe and the bus read a body: transformed, then validated. */
const TASK = {
  taskId: 'job/0/0',
  jobId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
  sourceFolder: 'INBOX',
  destinationFolder: 'INBOX',
  uidFrom: 1,
};

function read(options: object): { options: JobOptions; problems: string[] } {
  const request = plainToInstance(CopyTask, { ...TASK, options });
  const errors = validateSync(request, { whitelist: true, forbidNonWhitelisted: true });
  const problems = errors.flatMap((e) => e.children ?? []).flatMap((e) => e.property);
  return { options: request.options, problems };
}

const CHOICES = { deleteSource: false, foldersOnly: false, progressUpdates: false };

describe('JobOptions', () => {
  it('reads reconcileExisting', () => {
    const { options, problems } = read({ ...CHOICES, reconcileExisting: true });
    expect(problems).toEqual([]);
    expect(options.reconcileExisting).toBe(true);
  });

  it('reads replaceExisting, the deprecated name, as reconcileExisting and keeps it no longer', () => {
    const { options, problems } = read({ ...CHOICES, replaceExisting: true });
    expect(problems).toEqual([]);
    expect(JSON.parse(JSON.stringify(options))).toEqual({ ...CHOICES, reconcileExisting: true });
  });

  it('prefers reconcileExisting when a body has both names', () => {
    const { options } = read({ ...CHOICES, reconcileExisting: false, replaceExisting: true });
    expect(options.reconcileExisting).toBe(false);
  });

  it('refuses options that name neither, or give the old name no boolean', () => {
    expect(read(CHOICES).problems).toEqual(['reconcileExisting']);
    expect(read({ ...CHOICES, replaceExisting: 'yes' }).problems).toEqual(['reconcileExisting']);
  });

  describe('folder mapping rules', () => {
    /** Every constraint's message, however deep the property. */
    const messages = (options: object): string[] => {
      const request = plainToInstance(CopyTask, { ...TASK, options });
      const all = (errors: ValidationError[]): string[] =>
        errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...all(e.children ?? [])]);
      return all(validateSync(request, { whitelist: true, forbidNonWhitelisted: true }));
    };
    const withMap = (map: unknown) => ({ ...CHOICES, reconcileExisting: false, folders: { map } });

    it('reads rules with a "from" and a "to"', () => {
      const map = [{ from: 'Old Stuff', to: 'Archive/2019' }];
      const { options, problems } = read(withMap(map));
      expect(problems).toEqual([]);
      expect(options.folders?.map).toEqual(map);
    });

    it('refuses a rule that does not compile, naming it, and one that is no rule', () => {
      expect(messages(withMap([{ from: 'a', to: 'x/..' }]))).toEqual([
        'map: folder rule "a => x/..": its destination steps out of a folder ("." or "..")',
      ]);
      expect(messages(withMap([{ from: 'a' }]))).toContain(
        'map: folder rule: it needs a "from" and a "to", as text',
      );
      expect(messages(withMap([{ from: 'a', to: 'b', extra: 1 }]))).toEqual([
        'property extra should not exist',
      ]);
    });
  });
});
