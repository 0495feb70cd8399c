import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A Dovecot that looks like Gmail to a client (TEST-INFRA-FACTS section 2): labels are
 * folders of the inbox namespace, the real system folders hide under Sys/, and [Gmail]/*
 * are virtual folders over them. All Mail shows every message but Spam and Trash; a message
 * APPENDed to All Mail lands in Sys/Archive ("archived": no label).
 */
const SYSTEM_FOLDERS = ['Sent', 'Drafts', 'Spam', 'Trash', 'Archive'];

/** Everything a label search may see: every label and system folder but Spam and Trash. */
const EVERY_MESSAGE = ['*', 'Sys/*', '-Sys/Spam', '-Sys/Trash', '-[Gmail]/*'];

interface VirtualFolder {
  name: string;
  specialUse: string;
  /** Mailbox patterns; a leading '!' marks the one APPEND writes to. */
  patterns: string[];
  search: string;
}

const VIRTUAL_FOLDERS: VirtualFolder[] = [
  {
    name: 'All Mail',
    specialUse: '\\All',
    patterns: ['!Sys/Archive', ...EVERY_MESSAGE],
    search: 'all',
  },
  { name: 'Sent Mail', specialUse: '\\Sent', patterns: ['!Sys/Sent'], search: 'all' },
  { name: 'Drafts', specialUse: '\\Drafts', patterns: ['!Sys/Drafts'], search: 'all' },
  { name: 'Spam', specialUse: '\\Junk', patterns: ['!Sys/Spam'], search: 'all' },
  { name: 'Trash', specialUse: '\\Trash', patterns: ['!Sys/Trash'], search: 'all' },
  { name: 'Starred', specialUse: '\\Flagged', patterns: EVERY_MESSAGE, search: 'flagged' },
  {
    name: 'Important',
    specialUse: '\\Important',
    patterns: EVERY_MESSAGE,
    search: 'keyword $Important',
  },
];

const virtualRoot = (dir: string): string => join(dir, 'virtual');

/** The namespaces of the Gmail layout, to stand in for the plain inbox namespace. */
export function gmailNamespaceBlocks(
  dir: string,
  mailRoot: string,
  block: (header: string, lines: string[]) => string[],
): string[] {
  return [
    'mail_plugins = $mail_plugins virtual',
    ...block('namespace inbox', ['inbox = yes', 'separator = /', 'prefix =']),
    ...block('namespace sys', [
      'separator = /',
      'prefix = Sys/',
      'hidden = yes',
      'list = no',
      'subscriptions = no',
      `location = maildir:${mailRoot}/%u/sys`,
      ...SYSTEM_FOLDERS.flatMap((name) => block(`mailbox ${name}`, ['auto = create'])),
    ]),
    ...block('namespace gmail', [
      'separator = /',
      'prefix = [Gmail]/',
      `location = virtual:${virtualRoot(dir)}:INDEX=${mailRoot}/%u/virtual-index`,
      ...VIRTUAL_FOLDERS.flatMap((folder) =>
        block(`mailbox "${folder.name}"`, [`special_use = ${folder.specialUse}`]),
      ),
    ]),
  ];
}

/** One dovecot-virtual file per virtual folder: patterns, then the indented search. */
export async function writeGmailVirtualFolders(dir: string): Promise<void> {
  for (const folder of VIRTUAL_FOLDERS) {
    const folderDir = join(virtualRoot(dir), folder.name);
    await mkdir(folderDir, { recursive: true });
    const text = [...folder.patterns, `  ${folder.search}`, ''].join('\n');
    await writeFile(join(folderDir, 'dovecot-virtual'), text);
  }
}
