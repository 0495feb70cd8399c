import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { JobFolderView } from '@btsx/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { FolderTableComponent } from './folder-table.component';

const KEPT: JobFolderView = {
  source: 'Kept',
  destination: 'Kept',
  total: 1,
  copied: 1,
  skipped: 0,
  filtered: 0,
  failed: 0,
  state: 'done',
  error: null,
  rule: null,
};

/** Each row's cells, as text. */
function rows(folders: JobFolderView[]): string[][] {
  const fixture = TestBed.createComponent(FolderTableComponent);
  fixture.componentRef.setInput('folders', folders);
  fixture.detectChanges();
  const body = (fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr');
  return [...body].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? ''),
  );
}

describe('FolderTableComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  });

  it('shows a folder the destination refused as failed, with the reason', () => {
    const refusal = `Folder "~x": The server rejected the request: Begins with '~'`;
    const refused = { ...KEPT, source: '~x', destination: '~x', copied: 0 };
    const [kept, failed] = rows([KEPT, { ...refused, state: 'failed', error: refusal }]);
    expect(kept).toEqual(['Kept', 'Kept', '1', '0', '0', 'Done']);
    expect(failed).toEqual(['~x', '~x', '0', '0', '0', `Failed${refusal}`]);
  });

  it("names the user's folder rule under the destination it chose", () => {
    const rule = 'Old Stuff => Archive/2019';
    const moved = { ...KEPT, source: 'Old Stuff', destination: 'Archive/2019', rule };
    const [row] = rows([moved]);
    expect(row.slice(0, 2)).toEqual(['Old Stuff', `Archive/2019 by rule ${rule}`]);
  });

  it('adds a Filtered column once the message filter left out something', () => {
    const [row] = rows([{ ...KEPT, filtered: 3 }, KEPT]);
    expect(row).toEqual(['Kept', 'Kept', '1', '0', '0', '3', 'Done']);
  });
});
