import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type Provider, provideZonelessChangeDetection, Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';

/** What the pages' component tests share: a component with a fake HTTP backend. */
export interface PageHarness<T> {
  fixture: ComponentFixture<T>;
  http: HttpTestingController;
  el(): HTMLElement;
  /** Lets awaited HTTP answers (and the first refresh) run, then renders. */
  settle(): Promise<void>;
  /** The text of the first element `selector` finds, its white space collapsed. */
  text(selector: string): string | undefined;
}

export function pageHarness<T>(component: Type<T>, providers: Provider[] = []): PageHarness<T> {
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideNoopAnimations(),
      ...providers,
    ],
  });
  const fixture = TestBed.createComponent(component);
  const el = () => fixture.nativeElement as HTMLElement;
  return {
    fixture,
    http: TestBed.inject(HttpTestingController),
    el,
    settle: async () => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    },
    text: (selector) => el().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim(),
  };
}
