import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CreateJobRequest } from '@btsx/contracts';
import type { PlanView } from '@btsx/contracts/core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountState } from '../../shared/account-card/account-state';
import { StartPageComponent } from './start-page.component';

/** A plan of one folder with `messages` messages, the rest of it empty. */
function planOf(messages: number): PlanView {
  const totals = { folders: 1, newFolders: 1, messages, bytes: 0, filtered: 0, tooLarge: 0 };
  return {
    folders: [
      { source: 'INBOX', destination: 'INBOX', state: 'new', renamedBecause: null, ...totals },
    ],
    leftOut: [],
    totals,
    destinationLimit: null,
    estimate: {
      seconds: 1,
      sourceRoundTripMs: 1,
      destinationRoundTripMs: 1,
      sourceBytesPerSecond: null,
    },
  };
}

describe('StartPageComponent Preview', () => {
  let fixture: ComponentFixture<StartPageComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StartPageComponent);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  function authenticateBoth(): void {
    const page = fixture.componentInstance as unknown as Record<string, AccountState>;
    for (const side of ['source', 'destination']) {
      page[side].succeed(page[side].begin(), `${side}-credential`);
    }
  }
  const button = (name: string) =>
    [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
  const text = (selector: string) =>
    element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  /** Clicks `name`, answers the plan request with `answer`; the request it sent. */
  async function drawPlan(name: string, answer: PlanView): Promise<CreateJobRequest> {
    button(name).click();
    await fixture.whenStable();
    expect(text('btsx-plan-card .loading')).toBe('Reading both mailboxes…');
    const request = http.expectOne({ method: 'POST', url: '/api/plans' });
    request.flush(answer);
    await settle();
    return request.request.body as CreateJobRequest;
  }

  /** Lets the answered call resolve, then the page render it. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function tick(label: string): Promise<void> {
    const checkbox = [...element.querySelectorAll('.choices li')]
      .find((li) => li.textContent?.includes(label))!
      .querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    checkbox.click();
    await fixture.whenStable();
  }

  it('enables Preview once both accounts are authenticated, before the terms', async () => {
    expect(button('Preview').disabled).toBe(true);
    authenticateBoth();
    await fixture.whenStable();
    expect(button('Preview').disabled).toBe(false);
    expect(button('Start Migration').disabled).toBe(true);
  });

  it('sends what Start would send and shows the plan', async () => {
    authenticateBoth();
    await fixture.whenStable();
    const request = await drawPlan('Preview', planOf(60));
    expect(request).toEqual({
      sourceCredentialId: 'source-credential',
      destinationCredentialId: 'destination-credential',
      options: expect.objectContaining({ verify: true, progressUpdates: false }),
    });
    expect(text('[data-testid="plan-messages"]')).toBe('60');
    expect(element.querySelector('[data-testid="plan-stale"]')).toBeNull();
  });

  it('marks the plan out of date when an option changes, and redraws it', async () => {
    authenticateBoth();
    await fixture.whenStable();
    await drawPlan('Preview', planOf(60));
    await tick('Folders Only');
    expect(text('[data-testid="plan-stale"]')).toBe('Options changed: redraw the plan Redraw');

    const request = await drawPlan('Redraw', planOf(0));
    expect(request.options.foldersOnly).toBe(true);
    expect(text('[data-testid="plan-messages"]')).toBe('0');
    expect(element.querySelector('[data-testid="plan-stale"]')).toBeNull();
  });

  it('is up to date again when the option is set back as it was', async () => {
    authenticateBoth();
    await fixture.whenStable();
    await drawPlan('Preview', planOf(60));
    await tick('Folders Only');
    expect(element.querySelector('[data-testid="plan-stale"]')).not.toBeNull();
    await tick('Folders Only');
    expect(element.querySelector('[data-testid="plan-stale"]')).toBeNull();
  });

  it("shows the API's refusal in the plan card", async () => {
    authenticateBoth();
    await fixture.whenStable();
    button('Preview').click();
    await fixture.whenStable();
    const refusal = 'Folder rule "\\Sent => ../x" writes outside your folders';
    http
      .expectOne('/api/plans')
      .flush({ statusCode: 422, message: refusal }, { status: 422, statusText: 'Unprocessable' });
    await settle();
    expect(text('btsx-plan-card [role="alert"]')).toBe(refusal);
  });
});
