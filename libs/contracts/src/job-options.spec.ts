import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CopyTask } from './messages/copy-task';
import { JobOptions } from './job-options';

/** Read as the HTTP validation pipe and the bus read a body: transformed, then validated. */
function read(options: object): { options: JobOptions; problems: string[] } {
  const request = plainToInstance(CopyTask, {
    taskId: 'job/0/0',
    jobId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
    sourceCredentialId: '2c5f39cb-3fb2-4e4c-b4f6-f02ac6b8744c',
    destinationCredentialId: '3d6a4adc-4ac3-4f5d-85a7-a13bd7c9855d',
    sourceFolder: 'INBOX',
    destinationFolder: 'INBOX',
    uidFrom: 1,
    options,
  });
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
});
