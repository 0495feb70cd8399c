import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router } from '@angular/router';
import { describe, expect, it, vi } from 'vitest';
import { adminPage, button, type } from '../admin-testing';
import { AcceptInvitationPageComponent } from './accept-invitation-page.component';

function openWith(fragment: string | null) {
  return adminPage(AcceptInvitationPageComponent, undefined, [
    { provide: ActivatedRoute, useValue: { snapshot: { fragment } } },
  ]);
}

describe('AcceptInvitationPageComponent', () => {
  it("sets the password with the link's token, then goes to sign-in", async () => {
    const page = openWith('btsx_invite_abc');
    await page.settle();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await type(page, 'input[type="password"]', 'a-long-enough-password');
    button(page.el(), 'Set password')!.click();
    await page.settle();
    const accept = page.http.expectOne({ method: 'POST', url: '/api/admin/invitations/accept' });
    expect(accept.request.body).toEqual({
      token: 'btsx_invite_abc',
      password: 'a-long-enough-password',
    });
    accept.flush(null);
    await page.settle();
    expect(navigate).toHaveBeenCalledWith('/admin/login');
  });

  it('says so when the link carries no invitation', async () => {
    const page = openWith(null);
    await page.settle();
    expect(page.text('[role="alert"]')).toContain('no invitation');
    expect(button(page.el(), 'Set password')!.disabled).toBe(true);
  });
});
