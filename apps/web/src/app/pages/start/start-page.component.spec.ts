import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { JOB_OPTION_TEXTS } from '@btsx/contracts/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { StartPageComponent } from './start-page.component';

describe('StartPageComponent', () => {
  let fixture: ComponentFixture<StartPageComponent>;
  let page: StartPageComponent;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    fixture = TestBed.createComponent(StartPageComponent);
    page = fixture.componentInstance;
    await fixture.whenStable();
  });

  /** The page's own account states; `protected` keeps them out of the public API. */
  const accounts = () =>
    page as unknown as {
      source: import('../../shared/account-card/account-state').AccountState;
      destination: import('../../shared/account-card/account-state').AccountState;
    };
  const startButton = () =>
    [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Start Migration'),
    )!;

  async function agreeToTerms(): Promise<void> {
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLInputElement>('.terms input[type="checkbox"]')!
      .click();
    await fixture.whenStable();
  }

  function authenticate(which: 'source' | 'destination'): void {
    const state = accounts()[which];
    state.succeed(state.begin(), `${which}-credential`);
  }

  /** The option checkboxes by label, ticked or not. */
  const ticked = () =>
    Object.fromEntries(
      [...(fixture.nativeElement as HTMLElement).querySelectorAll('.choices li')].map((li) => [
        li.querySelector('label')!.textContent!.trim(),
        li.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked,
      ]),
    );

  it('starts with every option off but Verify: the others cost something, the user picks them', () => {
    expect(ticked()).toEqual({
      'Delete Source': false,
      'Folders Only': false,
      'Progress Updates': false,
      'Replace Existing': false,
      Verify: true,
    });
  });

  it('says under Replace Existing what it does, as the CLI and the API describe it', () => {
    const help = (fixture.nativeElement as HTMLElement).querySelector('#help-reconcileExisting');
    expect(help?.textContent?.trim()).toBe(JOB_OPTION_TEXTS.reconcileExisting.description);
  });

  it('keeps Start disabled while nothing is done', () => {
    expect(startButton().disabled).toBe(true);
  });

  it('keeps Start disabled with both accounts authenticated but the terms not agreed', async () => {
    authenticate('source');
    authenticate('destination');
    await fixture.whenStable();
    expect(startButton().disabled).toBe(true);
  });

  it('keeps Start disabled with the terms agreed and one account authenticated', async () => {
    authenticate('source');
    await agreeToTerms();
    expect(startButton().disabled).toBe(true);
  });

  it('enables Start once both accounts are authenticated and the terms agreed', async () => {
    authenticate('source');
    authenticate('destination');
    await agreeToTerms();
    expect(startButton().disabled).toBe(false);
  });

  it('disables Start again when an authenticated account is edited', async () => {
    authenticate('source');
    authenticate('destination');
    await agreeToTerms();
    accounts().source.edited();
    await fixture.whenStable();
    expect(startButton().disabled).toBe(true);
  });

  /** Both accounts authenticated and the terms agreed: only the fields can hold Start back. */
  async function readyToStart(): Promise<HTMLElement> {
    authenticate('source');
    authenticate('destination');
    await agreeToTerms();
    return fixture.nativeElement as HTMLElement;
  }

  /** Types `value` into the field of that form control name, as a person would. */
  async function typeInto(control: string, value: string): Promise<void> {
    const field = (fixture.nativeElement as HTMLElement).querySelector<
      HTMLInputElement | HTMLTextAreaElement
    >(`[formControlName="${control}"]`)!;
    field.value = value;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  it('disables Start while a folder pattern does not compile, and says which', async () => {
    const element = await readyToStart();
    await typeInto('exclude', '\\Trash\nArchive//2019');
    expect(startButton().disabled).toBe(true);
    expect(element.querySelector('.start-hint')?.textContent).toContain(
      'correct the folder patterns and rules',
    );
    expect(element.querySelector('mat-error')?.textContent).toContain(
      'Archive//2019: a level between two "/" is empty',
    );

    await typeInto('exclude', '\\Trash\nArchive/2019');
    expect(startButton().disabled).toBe(false);
  });

  it('disables Start while a speed limit is no speed, and says so', async () => {
    const element = await readyToStart();
    await typeInto('megabytesPerSecond', '0');
    expect(startButton().disabled).toBe(true);
    expect(element.querySelector('[data-testid="speed-problem"]')?.textContent).toContain(
      'more than 0',
    );

    await typeInto('megabytesPerSecond', '2');
    expect(startButton().disabled).toBe(false);
  });
});
