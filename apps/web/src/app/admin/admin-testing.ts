import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection, Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';

/** What the admin pages' component tests share: a page with a fake HTTP backend. */
export interface AdminPageHarness<T> {
  fixture: ComponentFixture<T>;
  http: HttpTestingController;
  el(): HTMLElement;
  /** Lets awaited HTTP answers (and the first refresh) run, then renders. */
  settle(): Promise<void>;
}

export function adminPage<T>(component: Type<T>): AdminPageHarness<T> {
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideNoopAnimations(),
    ],
  });
  const fixture = TestBed.createComponent(component);
  return {
    fixture,
    http: TestBed.inject(HttpTestingController),
    el: () => fixture.nativeElement as HTMLElement,
    settle: async () => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    },
  };
}
